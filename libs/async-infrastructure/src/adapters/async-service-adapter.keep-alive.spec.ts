import { LoopbackHost, sendJson } from './testing/loopback-host';
import { TestAdapter } from './testing/test-adapter';

describe('AsyncServiceAdapter keepAlive option', () => {
  let host: LoopbackHost;
  let adapter: TestAdapter;
  const connectionHeaders: (string | undefined)[] = [];

  beforeEach(async () => {
    connectionHeaders.length = 0;
    host = await LoopbackHost.start((req, res, n) => {
      connectionHeaders.push(req.headers.connection);
      sendJson(res, 200, { n });
    });
  });

  afterEach(async () => {
    adapter?.close();
    await host?.close();
  });

  it('false: one connection per request, closed after its answer, also for queued calls', async () => {
    adapter = new TestAdapter({
      name: 'unpooled',
      baseUrl: host.url,
      maxSockets: 2,
      keepAlive: false,
    });
    await Promise.all(Array.from({ length: 6 }, () => adapter.call({ method: 'GET', path: '/x' })));
    await adapter.call({ method: 'GET', path: '/x' });
    expect(host.connections).toBe(7);
    expect(host.maxInFlight).toBeLessThanOrEqual(2);
    expect(connectionHeaders).toEqual(Array.from({ length: 7 }, () => 'close'));
    expect(adapter.statistics().sockets).toMatchObject({ created: 7, reused: 0, free: 0 });
  });

  it('defaults to true: the pool reuses its sockets', async () => {
    adapter = new TestAdapter({ name: 'pooled', baseUrl: host.url, maxSockets: 2 });
    await Promise.all(Array.from({ length: 6 }, () => adapter.call({ method: 'GET', path: '/x' })));
    await adapter.call({ method: 'GET', path: '/x' });
    expect(host.connections).toBeLessThanOrEqual(2);
    expect(connectionHeaders.every((h) => h === 'keep-alive')).toBe(true);
    expect(adapter.statistics().sockets.reused).toBeGreaterThanOrEqual(5);
  });
});
