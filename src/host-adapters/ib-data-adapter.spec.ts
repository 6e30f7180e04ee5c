import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdapterRegistry, CancellationError } from '@ktrdr/async-infrastructure';
import {
  BeforeHeadTimestampError,
  isTransient,
  NoDataError,
  NoPermissionError,
  PacingViolationError,
  ProviderUnavailableError,
  SymbolNotFoundError,
  UnknownProviderError,
} from '@ktrdr/market-data';
import { HostAdapterFactory } from './host-adapter.factory';
import { IbDataAdapter } from './ib-data-adapter';

type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse) => void;

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('IbDataAdapter against a real HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let adapter: IbDataAdapter;
  const requests: { method?: string; url?: string; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const body: unknown = text ? JSON.parse(text) : undefined;
        requests.push({ method: req.method, url: req.url, body });
        handler(req, body, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => {
    requests.length = 0;
    adapter = new IbDataAdapter({ baseUrl });
  });
  afterEach(() => adapter.close());

  const fetch = (signal?: AbortSignal) =>
    adapter.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: Date.parse('2024-03-04T14:30:00Z'),
      endMs: Date.parse('2024-03-05T21:00:00Z'),
      signal,
    });

  it('posts historical requests with ISO dates and returns the columnar bars', async () => {
    const bars = { t: [1709562600000], o: [1], h: [2], l: [0.5], c: [1.5], v: [10] };
    handler = (_req, _body, res) =>
      json(res, 200, { symbol: 'AAPL', timeframe: '1h', source: 'synthetic', count: 1, bars });
    await expect(fetch()).resolves.toEqual({
      symbol: 'AAPL',
      timeframe: '1h',
      source: 'synthetic',
      bars,
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/data/historical',
        body: {
          symbol: 'AAPL',
          timeframe: '1h',
          start: '2024-03-04T14:30:00.000Z',
          end: '2024-03-05T21:00:00.000Z',
        },
      },
    ]);
  });

  it('validates symbols and reads head timestamps', async () => {
    handler = (req, _body, res) =>
      req.url?.startsWith('/data/head-timestamp')
        ? json(res, 200, { head_timestamp: '2015-01-02T14:30:00.000Z' })
        : json(res, 200, {
            symbol: 'AAPL',
            head_timestamps: { '1h': '2015-01-02T14:30:00.000Z' },
            source: 'ib',
          });
    await expect(adapter.validateSymbol('AAPL', ['1h'])).resolves.toMatchObject({ source: 'ib' });
    await expect(adapter.headTimestamp('AAPL', '1h')).resolves.toBe(
      Date.parse('2015-01-02T14:30:00Z'),
    );
    const calls = requests.filter((r) => r.url !== '/health');
    expect(calls.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /data/validate',
      'GET /data/head-timestamp?symbol=AAPL&timeframe=1h',
    ]);
    expect(calls[0]?.body).toEqual({ symbol: 'AAPL', timeframes: ['1h'] });
  });

  it("keeps at most the host provider's max_concurrent_requests in flight (10 at most)", async () => {
    let limit: unknown = 3;
    handler = (req, _body, res) =>
      req.url === '/health'
        ? json(res, 200, { status: 'ok', provider: 'ib', max_concurrent_requests: limit })
        : json(res, 200, { symbol: 'AAPL', head_timestamps: {}, source: 'ib' });
    expect(adapter.maxConcurrentRequests).toBe(10); // before any answer
    await adapter.validateSymbol('AAPL', ['1h']); // the start of a load
    expect(requests.map((r) => r.url).sort()).toEqual(['/data/validate', '/health']);
    expect(adapter.maxConcurrentRequests).toBe(3);
    for (const [said, expected] of [
      [50, 10],
      [undefined, 10],
      [0, 10],
      [2, 2],
    ] as const) {
      limit = said;
      const fresh = new IbDataAdapter({ baseUrl });
      try {
        await fresh.validateSymbol('AAPL', undefined);
        expect(fresh.maxConcurrentRequests).toBe(expected);
      } finally {
        await fresh.close();
      }
    }
  });

  it.each([
    [404, { code: 'SYMBOL_NOT_FOUND', message: 'Unknown symbol' }, SymbolNotFoundError, false],
    [404, { code: 'NO_DATA', message: 'HMDS query returned no data' }, NoDataError, false],
    [403, { code: 'NO_PERMISSION', message: 'no subscription' }, NoPermissionError, false],
    [502, { code: 'PROVIDER_ERROR', message: 'IB error 10187' }, UnknownProviderError, false],
    [
      503,
      { code: 'PROVIDER_UNAVAILABLE', message: 'gateway down' },
      ProviderUnavailableError,
      true,
    ],
  ])('maps %i %o back to the provider error', async (status, body, type, transient) => {
    handler = (_req, _body, res) => json(res, status, { statusCode: status, ...body });
    const error = await fetch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(isTransient(error)).toBe(transient);
    expect(requests).toHaveLength(1); // segment retries belong to the load's job manager
  });

  it('retries the quick reads itself, but a 502 with the host code is permanent', async () => {
    handler = (_req, _body, res) =>
      requests.length === 1
        ? json(res, 503, { code: 'PROVIDER_UNAVAILABLE', message: 'hiccup' })
        : json(res, 200, { head_timestamp: '2015-01-02T14:30:00.000Z' });
    await expect(adapter.headTimestamp('AAPL', '1h')).resolves.toBe(
      Date.parse('2015-01-02T14:30:00Z'),
    );
    expect(requests).toHaveLength(2);
    requests.length = 0;
    handler = (_req, _body, res) => json(res, 502, { code: 'PROVIDER_ERROR', message: 'bad' });
    await expect(adapter.headTimestamp('AAPL', '1h')).rejects.toBeInstanceOf(UnknownProviderError);
    expect(requests).toHaveLength(1);
  });

  it('keeps the head timestamp of a 422 and the wait of a 429', async () => {
    handler = (_req, _body, res) =>
      json(res, 422, {
        code: 'BEFORE_HEAD_TIMESTAMP',
        message: 'too early',
        details: { head_timestamp: '2015-01-02T14:30:00.000Z' },
      });
    const early = (await fetch().catch((e: unknown) => e)) as BeforeHeadTimestampError;
    expect(early).toBeInstanceOf(BeforeHeadTimestampError);
    expect(early.headTimestampMs).toBe(Date.parse('2015-01-02T14:30:00Z'));

    handler = (_req, _body, res) =>
      json(res, 429, { code: 'PACING_VIOLATION', message: 'paced' }, { 'retry-after': '0' });
    const paced = (await fetch().catch((e: unknown) => e)) as PacingViolationError;
    expect(paced).toBeInstanceOf(PacingViolationError);
    expect(paced.retryAfterMs).toBe(0);
    expect(isTransient(paced)).toBe(true);
    expect(requests).toHaveLength(2); // one each: the job manager waits and retries
  });

  it('gives a historical request its own, longer timeout than the quick calls', async () => {
    const bars = { t: [1709562600000], o: [1], h: [2], l: [0.5], c: [1.5], v: [10] };
    handler = (_req, _body, res) => {
      setTimeout(() => json(res, 200, { source: 'ib', bars }), 300);
    };
    const quick = new IbDataAdapter({ baseUrl, timeoutMs: 100, historicalTimeoutMs: 5000 });
    const slow = new IbDataAdapter({ baseUrl, timeoutMs: 5000, historicalTimeoutMs: 100 });
    try {
      await expect(
        quick.fetchHistorical({ symbol: 'AAPL', timeframe: '1h', startMs: 0, endMs: 1 }),
      ).resolves.toMatchObject({ bars });
      await expect(
        slow.fetchHistorical({ symbol: 'AAPL', timeframe: '1h', startMs: 0, endMs: 1 }),
      ).rejects.toBeInstanceOf(ProviderUnavailableError);
    } finally {
      await quick.close();
      await slow.close();
    }
  });

  it('refuses malformed bars', async () => {
    handler = (_req, _body, res) => json(res, 200, { source: 'ib', bars: { t: [1, 2], o: [1] } });
    await expect(fetch()).rejects.toBeInstanceOf(UnknownProviderError);
  });

  it('a refused connection is PROVIDER_UNAVAILABLE', async () => {
    const closed = new IbDataAdapter({ baseUrl: 'http://127.0.0.1:9' });
    try {
      const error = await closed.headTimestamp('AAPL', '1h').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
    } finally {
      await closed.close();
    }
  });

  it('a cancel aborts the request on its socket: CancellationError, and the host sees it go', async () => {
    const serverSawClose = new Promise<void>((resolve) => {
      handler = (_req, _body, res) => res.on('close', () => resolve());
    });
    const controller = new AbortController();
    const pending = fetch(controller.signal);
    while (requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new CancellationError('user'));
    await expect(pending).rejects.toBeInstanceOf(CancellationError);
    await serverSawClose;
  });

  it('health reports the host provider and its connection state', async () => {
    handler = (_req, _body, res) =>
      json(res, 200, { status: 'ok', provider: 'synthetic', connected: true });
    await expect(adapter.health()).resolves.toMatchObject({
      ok: true,
      provider: 'synthetic',
      connected: true,
    });
    const down = new IbDataAdapter({ baseUrl });
    handler = (_req, _body, res) => json(res, 503, { provider: 'ib', connected: false });
    await expect(down.health()).resolves.toMatchObject({
      ok: false,
      provider: 'ib',
      connected: false,
    });
    await down.close();
  });
});

describe('HostAdapterFactory', () => {
  it('makes one data host adapter, registers it, and closes it on shutdown', async () => {
    const registry = new AdapterRegistry();
    const factory = new HostAdapterFactory(registry);
    const adapter = factory.ibData({ baseUrl: 'http://127.0.0.1:8001/' });
    expect(factory.ibData({ baseUrl: 'http://127.0.0.1:8001' })).toBe(adapter);
    expect(() => factory.ibData({ baseUrl: 'http://10.0.0.1:8001' })).toThrow(/already points/);
    expect(registry.statistics()).toEqual([
      expect.objectContaining({
        name: 'ib',
        base_url: 'http://127.0.0.1:8001',
        sockets: expect.objectContaining({ max: 10 }) as object,
      }),
    ]);
    await factory.onApplicationShutdown();
    expect(registry.list()).toEqual([]);
    await expect(adapter.headTimestamp('AAPL', '1h')).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });
});
