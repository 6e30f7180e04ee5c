import { EventEmitter } from 'node:events';
import http from 'node:http';
import { IbProvider, type IbApiLike } from '@ktrdr/market-data';
import request from 'supertest';
import { startDataHost, type DataHostTestApp } from '../testing/data-host-test-app';

/** The `@stoqey/ib` client facing a gateway that refuses connections (as IBApi reports it). */
class RefusedIbApi extends EventEmitter implements IbApiLike {
  readonly isConnected = false;
  connect(): void {
    setImmediate(() => {
      this.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:4002'), 502, -1);
      this.emit('disconnected');
    });
  }
  disconnect(): void {}
  reqContractDetails(): void {}
  reqHeadTimestamp(): void {}
  cancelHeadTimestamp(): void {}
  reqHistoricalData(): void {}
  cancelHistoricalData(): void {}
}

type Health = Record<string, unknown> & { requests_in_flight: number; requests_cancelled: number };

/** Polls GET /health until `done` holds (bounded: 200 polls), returning the last answer. */
async function waitForHealth(url: string, done: (h: Health) => boolean): Promise<Health> {
  let last: Health | undefined;
  for (let i = 0; i < 200; i += 1) {
    last = (await request(url).get('/health')).body as Health;
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`health never matched; last: ${JSON.stringify(last)}`);
}

describe('GET /health', () => {
  let host: DataHostTestApp | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('reports provider, connection, pacing budget and counters (200)', async () => {
    host = await startDataHost({ DATA_HOST_PROVIDER: 'synthetic', DATA_HOST_PACING: '5/2s' });
    const res = await request(host.url).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      service: 'data-host',
      provider: 'synthetic',
      connected: true,
      pacing: { spec: '5/2s', rules: [{ limit: 5, remaining: 5 }] },
      requests_total: 0,
      requests_in_flight: 0,
      requests_cancelled: 0,
    });
  });

  it('answers 503 when the IB gateway is unreachable, and data routes answer 503 too', async () => {
    const fake = new RefusedIbApi();
    const refused = new Promise<void>((resolve) => fake.once('disconnected', () => resolve()));
    const provider = new IbProvider({
      host: '127.0.0.1',
      port: 4002,
      clientId: 3,
      apiFactory: () => fake,
      reconnectBaseMs: 60_000,
    });
    await refused;
    host = await startDataHost({ DATA_HOST_PROVIDER: 'ib' }, provider);
    const res = await request(host.url).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      provider: 'ib',
      connected: false,
      provider_details: {
        state: 'disconnected',
        port: 4002,
        client_id: 3,
        last_error: expect.stringMatching(/ECONNREFUSED/),
      },
      pacing: { spec: 'none' },
    });
    // The identical retry of a request that never reached IB is not paced (no 429).
    for (let i = 0; i < 2; i++) {
      const data = await request(host.url)
        .post('/data/historical')
        .send({ symbol: 'AAPL', timeframe: '1h', start: '2024-01-02', end: '2024-01-03' })
        .expect(503);
      expect(data.body).toMatchObject({ statusCode: 503, code: 'PROVIDER_UNAVAILABLE' });
    }
  });

  it('counts a client abort mid-request as a cancelled upstream request', async () => {
    host = await startDataHost({ DATA_HOST_PROVIDER: 'synthetic', SYNTHETIC_LATENCY_MS: '30000' });
    const { url } = host;
    const body = JSON.stringify({
      symbol: 'AAPL',
      timeframe: '1h',
      start: '2024-01-02',
      end: '2024-01-03',
    });
    const req = http.request(`${url}/data/historical`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    req.on('error', () => undefined); // the abort below surfaces as a socket error
    req.end(body);
    await waitForHealth(url, (h) => h.requests_in_flight === 1);
    req.destroy();
    await closed;
    const after = await waitForHealth(url, (h) => h.requests_cancelled === 1);
    expect(after).toMatchObject({
      requests_in_flight: 0,
      requests_total: 1,
      requests_cancelled: 1,
    });
  });

  it('requires the API key on data routes when one is set, not on /health', async () => {
    host = await startDataHost({ DATA_HOST_API_KEY: 'sekret-of-16-chars' });
    await request(host.url).get('/health').expect(200);
    const denied = await request(host.url)
      .post('/data/validate')
      .send({ symbol: 'AAPL' })
      .expect(401);
    expect(denied.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    await request(host.url)
      .post('/data/validate')
      .set('x-api-key', 'sekret-of-16-chars')
      .send({ symbol: 'AAPL' })
      .expect(200);
  });
});
