import request from 'supertest';
import { createTestApp, type TestApp } from './testing/test-app';

const PAGE = 'http://dashboard.example:5173';
const OTHER = 'https://evil.example';
const HANDSHAKE = '/socket.io/?EIO=4&transport=polling';

describe('CORS_ORIGINS: cross-origin pages for REST and socket.io alike', () => {
  describe('with CORS_ORIGINS set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        CORS_ORIGINS: `${PAGE}, http://127.0.0.1:9999`,
        API_KEY: 'a-key-of-16-chars-or-more',
      });
    });
    afterAll(() => t.close());

    it('answers a preflight for an allowed origin without the key, allowing the key headers', async () => {
      const res = await request(t.url)
        .options('/api/v1/operations')
        .set('Origin', PAGE)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(PAGE);
      expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
      expect(res.headers['access-control-allow-headers']).toMatch(/x-api-key/);
      expect(res.headers['access-control-allow-methods']).toMatch(/DELETE/);
    });

    it('marks answers to an allowed origin, exposes the request id, and still needs the key', async () => {
      const ok = await request(t.url)
        .get('/api/v1/operations')
        .set('Origin', PAGE)
        .set('x-api-key', 'a-key-of-16-chars-or-more')
        .expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe(PAGE);
      expect(ok.headers['access-control-expose-headers']).toMatch(/x-request-id/);
      const refused = await request(t.url).get('/api/v1/operations').set('Origin', PAGE);
      expect(refused.status).toBe(401);
    });

    it('gives another origin no CORS header', async () => {
      const res = await request(t.url).get('/api/v1/health').set('Origin', OTHER).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('socket.io polling answers an allowed origin with its CORS headers, not another', async () => {
      const allowed = await request(t.url).get(HANDSHAKE).set('Origin', PAGE);
      expect(allowed.status).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(PAGE);
      const other = await request(t.url).get(HANDSHAKE).set('Origin', OTHER);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('unset (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('sends no CORS header to any origin, REST or socket.io', async () => {
      const rest = await request(t.url).get('/api/v1/health').set('Origin', PAGE).expect(200);
      expect(rest.headers['access-control-allow-origin']).toBeUndefined();
      const socket = await request(t.url).get(HANDSHAKE).set('Origin', PAGE);
      expect(socket.status).toBe(200);
      expect(socket.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
