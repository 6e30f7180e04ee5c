import { io, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { startDummy, waitForEnd } from './testing/operations-client';
import { openSse } from './testing/sse-client';
import { createTestApp, type TestApp } from './testing/test-app';

const KEY = 'k3y-for-the-tests';

describe('API key (API_KEY set)', () => {
  let t: TestApp;
  let api: () => ReturnType<typeof request>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ API_KEY: KEY });
    api = () => request(t.url);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  function socket(opts: {
    auth?: Record<string, string>;
    extraHeaders?: Record<string, string>;
  }): ClientSocket {
    const s = io(`${t.url}/operations`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...opts,
    });
    sockets.push(s);
    return s;
  }

  describe('REST', () => {
    it('refuses a request without the key with 401 UNAUTHORIZED', async () => {
      const res = await api().get('/api/v1/operations').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'API key required: send "Authorization: Bearer <key>" or "x-api-key: <key>"',
        code: 'UNAUTHORIZED',
      });
    });

    it('refuses a wrong key', async () => {
      const res = await api()
        .get('/api/v1/operations')
        .set('authorization', 'Bearer nope')
        .expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid API key' });
      await api().get('/api/v1/operations').set('x-api-key', `${KEY}x`).expect(401);
    });

    it('accepts the key as a Bearer token or as x-api-key', async () => {
      await api().get('/api/v1/operations').set('authorization', `Bearer ${KEY}`).expect(200);
      await api().get('/api/v1/operations').set('x-api-key', KEY).expect(200);
    });

    it('keeps /health open', async () => {
      const res = await api().get('/api/v1/health').expect(200);
      expect(res.body.status).toBe('ok');
    });

    it('refuses to start an operation without the key, storing nothing', async () => {
      await api().post('/api/v1/operations/dummy').send({ steps: 1, step_ms: 0 }).expect(401);
      const list = await api().get('/api/v1/operations').set('x-api-key', KEY).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('protects the SSE stream', async () => {
      const id = await startDummy(t.url, { steps: 1, step_ms: 0 }, { 'x-api-key': KEY });
      const refused = await openSse(`${t.url}/api/v1/operations/${id}/events`);
      expect(refused.status).toBe(401);
      expect(refused.json).toMatchObject({ code: 'UNAUTHORIZED' });
      const op = await waitForEnd(t.url, id, { authorization: `Bearer ${KEY}` });
      expect(op.status).toBe('completed');
    });
  });

  describe('WebSocket', () => {
    it.each([
      ['no key', {}],
      ['a wrong auth.token', { auth: { token: 'nope' } }],
      ['a wrong x-api-key', { extraHeaders: { 'x-api-key': 'nope' } }],
    ])('sends error UNAUTHORIZED and disconnects a client with %s', async (_label, opts) => {
      const client = socket(opts);
      const error = new Promise((resolve) => client.on('error', resolve));
      const disconnected = new Promise((resolve) => client.on('disconnect', resolve));
      expect(await error).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await disconnected).toBe('io server disconnect');
    });

    it.each([
      ['auth.token', { auth: { token: KEY } }],
      ['x-api-key', { extraHeaders: { 'x-api-key': KEY } }],
      ['Authorization: Bearer', { extraHeaders: { authorization: `Bearer ${KEY}` } }],
    ])('accepts the key as %s', async (_label, opts) => {
      const client = socket(opts);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      await expect(client.emitWithAck('subscribe_all')).resolves.toEqual({ ok: true });
    });
  });
});
