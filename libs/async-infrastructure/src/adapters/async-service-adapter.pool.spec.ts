import { setTimeout as delay } from 'node:timers/promises';
import { LoopbackHost, sendJson } from './testing/loopback-host';
import { TestAdapter } from './testing/test-adapter';

describe('AsyncServiceAdapter connection pool', () => {
  let host: LoopbackHost;
  let adapter: TestAdapter;

  afterEach(async () => {
    adapter?.close();
    await host?.close();
  });

  it('serves N sequential requests on one socket', async () => {
    host = await LoopbackHost.start((_req, res, n) => sendJson(res, 200, { n }));
    adapter = new TestAdapter({ name: 'pool', baseUrl: host.url, maxSockets: 10 });
    const n = 25;
    for (let i = 1; i <= n; i += 1) {
      await expect(adapter.call({ method: 'GET', path: '/x' })).resolves.toEqual({ n: i });
    }
    const stats = adapter.statistics();
    expect(stats.sockets).toMatchObject({ created: 1, reused: n - 1, free: 1, active: 0, max: 10 });
    expect(stats).toMatchObject({ name: 'pool', base_url: host.url, requests: n, retries: 0 });
    expect(stats.latency_ms.p50).toBeGreaterThan(0);
    expect(stats.latency_ms.max).toBeGreaterThanOrEqual(stats.latency_ms.p99);
    expect(host.connections).toBe(1);
  });

  it('bounds concurrency by maxSockets and queues the rest', async () => {
    const held: (() => void)[] = [];
    host = await LoopbackHost.start((_req, res, n) => {
      held.push(() => sendJson(res, 200, { n }));
      // Answer once the pool is full, so the test proves no 4th socket is ever opened.
      if (held.length === 3) for (const answer of held.splice(0)) answer();
    });
    adapter = new TestAdapter({ name: 'bounded', baseUrl: host.url, maxSockets: 3 });
    const calls = Array.from({ length: 12 }, () => adapter.call({ method: 'GET', path: '/y' }));
    const results = await Promise.all(calls);
    expect(results).toHaveLength(12);
    expect(host.maxInFlight).toBe(3);
    expect(host.connections).toBe(3);
    expect(adapter.statistics().sockets).toMatchObject({ created: 3, reused: 9 });
  });

  it('closes idle sockets before the server keep-alive timeout, so spaced calls never reset', async () => {
    // Server keeps idle connections 300 ms; the adapter drops its idle sockets after 100 ms.
    host = await LoopbackHost.start((_req, res) => sendJson(res, 200, { ok: true }), 300);
    adapter = new TestAdapter({
      name: 'idle',
      baseUrl: host.url,
      maxSockets: 2,
      freeSocketTimeoutMs: 100,
      retry: { maxAttempts: 1 }, // a reset must surface, not be hidden by a retry
    });
    for (let i = 0; i < 4; i += 1) {
      await expect(adapter.call({ method: 'GET', path: '/z' })).resolves.toEqual({ ok: true });
      // The spacing is the subject of the test: longer than both idle timeouts.
      await delay(350);
    }
    const stats = adapter.statistics();
    expect(stats.errors).toEqual({});
    expect(stats.sockets).toMatchObject({ created: 4, reused: 0, free: 0 });
  });

  it('closes its sockets on close() and rejects later calls', async () => {
    host = await LoopbackHost.start((_req, res) => sendJson(res, 200, {}));
    adapter = new TestAdapter({ name: 'closing', baseUrl: host.url, maxSockets: 2 });
    await adapter.call({ method: 'GET', path: '/a' });
    expect(adapter.statistics().sockets.free).toBe(1);
    const disconnected = host.next('disconnect');
    adapter.onApplicationShutdown();
    await disconnected;
    await expect(adapter.call({ method: 'GET', path: '/a' })).rejects.toMatchObject({
      code: 'HOST_UNAVAILABLE',
      causeCode: 'ADAPTER_CLOSED',
    });
  });
});
