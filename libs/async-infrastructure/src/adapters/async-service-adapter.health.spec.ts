import { closedPort, LoopbackHost, sendJson } from './testing/loopback-host';
import { TestAdapter } from './testing/test-adapter';
import { AdapterRegistry } from './adapter-registry';

describe('AsyncServiceAdapter health and AdapterRegistry', () => {
  let host: LoopbackHost | undefined;
  const adapters: TestAdapter[] = [];

  afterEach(async () => {
    for (const adapter of adapters.splice(0)) adapter.close();
    await host?.close();
    host = undefined;
  });

  const adapterFor = (baseUrl: string, name = 'h', healthCacheMs?: number): TestAdapter => {
    const adapter = new TestAdapter({ name, baseUrl, maxSockets: 2, healthCacheMs });
    adapters.push(adapter);
    return adapter;
  };

  it('reports a healthy host and caches the answer', async () => {
    host = await LoopbackHost.start((req, res) =>
      req.url === '/health'
        ? sendJson(res, 200, { provider: 'synthetic' })
        : sendJson(res, 404, {}),
    );
    const adapter = adapterFor(host.url);
    const [first, concurrent] = await Promise.all([adapter.health(), adapter.health()]);
    expect(first).toMatchObject({ ok: true, status: 200, details: { provider: 'synthetic' } });
    expect(first.latency_ms).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(first.checked_at))).toBe(false);
    expect(concurrent).toBe(first);
    expect(await adapter.health()).toBe(first);
    expect(host.requests).toBe(1);
  });

  it('checks again once the cache expired', async () => {
    host = await LoopbackHost.start((_req, res) => sendJson(res, 200, {}));
    const adapter = adapterFor(host.url, 'h', 0);
    await adapter.health();
    await adapter.health();
    expect(host.requests).toBe(2);
  });

  it('reports a 503 host as not ok, with its body', async () => {
    host = await LoopbackHost.start((_req, res) =>
      sendJson(res, 503, { status: 'down', reason: 'gateway disconnected' }),
    );
    await expect(adapterFor(host.url).health()).resolves.toMatchObject({
      ok: false,
      status: 503,
      details: { status: 'down', reason: 'gateway disconnected' },
    });
    expect(host.requests).toBe(1); // a health check is never retried
  });

  it('reports an unreachable host without throwing', async () => {
    const port = await closedPort();
    await expect(adapterFor(`http://127.0.0.1:${port}`).health()).resolves.toMatchObject({
      ok: false,
      status: null,
      details: { code: 'ECONNREFUSED' },
    });
  });

  it('lists statistics and health of registered adapters', async () => {
    host = await LoopbackHost.start((_req, res) => sendJson(res, 200, { fine: true }));
    const port = await closedPort();
    const up = adapterFor(host.url, 'up');
    const down = adapterFor(`http://127.0.0.1:${port}`, 'down');
    const registry = new AdapterRegistry([up]);
    const unregister = registry.register(down);
    expect(registry.register(down)).toBeInstanceOf(Function); // same instance: no-op
    expect(() => registry.register(adapterFor(host!.url, 'up'))).toThrow(/already registered/);

    expect(registry.statistics().map((s) => s.name)).toEqual(['up', 'down']);
    const health = await registry.health();
    expect(health).toEqual([
      expect.objectContaining({ name: 'up', base_url: host.url, ok: true }),
      expect.objectContaining({ name: 'down', ok: false, status: null }),
    ]);
    unregister();
    expect(registry.list()).toEqual([up]);
  });
});
