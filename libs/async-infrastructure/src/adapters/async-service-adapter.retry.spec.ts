import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import {
  HostRejectedError,
  HostTimeoutError,
  HostUnavailableError,
  type HostCallError,
} from './adapter-errors';
import { RETRY_AFTER_MAX_MS } from '../retry/retry-policy';
import { closedPort, LoopbackHost, sendJson } from './testing/loopback-host';
import { TestAdapter } from './testing/test-adapter';

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe('AsyncServiceAdapter retries', () => {
  let host: LoopbackHost | undefined;
  let adapter: TestAdapter;

  beforeAll(() => {
    Logger.overrideLogger(['error']);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });
  afterEach(async () => {
    adapter?.close();
    await host?.close();
    host = undefined;
  });

  const start = async (handler: Parameters<typeof LoopbackHost.start>[0]): Promise<string> => {
    host = await LoopbackHost.start(handler);
    return host.url;
  };
  const failure = (p: Promise<unknown>): Promise<HostCallError> =>
    p.then(
      () => Promise.reject(new Error('expected a rejection')),
      (e: unknown) => e as HostCallError,
    );

  it('retries a 503 then succeeds', async () => {
    const url = await start((_req, res, n) =>
      n === 1 ? sendJson(res, 503, { code: 'PROVIDER_DOWN' }) : sendJson(res, 200, { bars: 3 }),
    );
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    await expect(adapter.call({ method: 'GET', path: '/bars' })).resolves.toEqual({ bars: 3 });
    expect(adapter.statistics()).toMatchObject({ requests: 1, retries: 1, errors: {} });
  });

  it('a per-call maxAttempts overrides the adapter policy (1 = no retry)', async () => {
    const url = await start((_req, res) => sendJson(res, 503, { code: 'PROVIDER_UNAVAILABLE' }));
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const error = await failure(adapter.call({ method: 'GET', path: '/', maxAttempts: 1 }));
    expect(error).toBeInstanceOf(HostUnavailableError);
    expect(host?.requests).toBe(1);
    expect(adapter.statistics()).toMatchObject({ requests: 1, retries: 0 });
    await failure(adapter.call({ method: 'GET', path: '/', maxAttempts: 2 }));
    expect(host?.requests).toBe(3);
  });

  it('honours Retry-After on 429 even above maxDelayMs', async () => {
    const url = await start((_req, res, n) =>
      n === 1
        ? sendJson(res, 429, { code: 'PACED' }, { 'retry-after': '1' })
        : sendJson(res, 200, { ok: true }),
    );
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const delays: number[] = [];
    const started = performance.now();
    await adapter.call({ method: 'GET', path: '/', onRetry: (e) => delays.push(e.delayMs) });
    const elapsed = performance.now() - started;
    expect(delays).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
  });

  it('waits a Retry-After asking for more than 60 s only 60 s (then asks again)', async () => {
    const url = await start((_req, res) =>
      sendJson(res, 429, { code: 'PACED' }, { 'retry-after': '120' }),
    );
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const controller = new AbortController();
    const delays: number[] = [];
    const call = adapter.call({
      method: 'GET',
      path: '/',
      signal: controller.signal,
      onRetry: (e) => {
        delays.push(e.delayMs);
        controller.abort();
      },
    });
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(delays).toEqual([RETRY_AFTER_MAX_MS]);
    expect(host?.requests).toBe(1);
  });

  it('ends a 429 that persists as HOST_REJECTED 429 after maxAttempts', async () => {
    const url = await start((_req, res) =>
      sendJson(res, 429, { code: 'PACED' }, { 'retry-after': '0' }),
    );
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const error = await failure(adapter.call({ method: 'GET', path: '/' }));
    expect(error).toMatchObject({ code: 'HOST_REJECTED', status: 429, attempts: 3 });
    expect(host?.requests).toBe(3);
  });

  it('never retries a POST unless marked idempotent', async () => {
    const url = await start((_req, res) => sendJson(res, 503, { code: 'PROVIDER_DOWN' }));
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const error = await failure(adapter.call({ method: 'POST', path: '/x', body: { a: 1 } }));
    expect(error).toBeInstanceOf(HostUnavailableError);
    expect(error).toMatchObject({ status: 503, causeCode: 'PROVIDER_DOWN', attempts: 1 });
    expect(host?.requests).toBe(1);

    await failure(adapter.call({ method: 'POST', path: '/x', body: {}, idempotent: true }));
    expect(host?.requests).toBe(1 + 3);
  });

  it.each([400, 404, 422, 500])('never retries %i and surfaces the host code', async (status) => {
    const url = await start((_req, res) =>
      sendJson(res, status, {
        statusCode: status,
        error: 'Nope',
        message: ['symbol must be upper-case', 'timeframe is unknown'],
        code: 'BAD_THING',
      }),
    );
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, retry: fast });
    const error = await failure(adapter.call({ method: 'GET', path: '/data' }));
    expect(error).toBeInstanceOf(HostRejectedError);
    expect(error).toMatchObject({
      code: 'HOST_REJECTED',
      status,
      hostCode: 'BAD_THING',
      hostMessage: 'symbol must be upper-case; timeframe is unknown',
      attempts: 1,
    });
    expect(host?.requests).toBe(1);
    expect(adapter.statistics()).toMatchObject({ retries: 0, errors: { HOST_REJECTED: 1 } });
  });

  it('stops retrying once the retry budget is exhausted', async () => {
    const url = await start((_req, res) => sendJson(res, 503, {}));
    adapter = new TestAdapter({
      name: 'r',
      baseUrl: url,
      maxSockets: 2,
      retry: { ...fast, budgetRatio: 0, budgetFloor: 2 },
    });
    await failure(adapter.call({ method: 'GET', path: '/' })); // 3 attempts: 2 tokens spent
    expect(host?.requests).toBe(3);
    const error = await failure(adapter.call({ method: 'GET', path: '/' }));
    expect(error).toMatchObject({ code: 'HOST_UNAVAILABLE', attempts: 1 });
    expect(host?.requests).toBe(4);
    expect(adapter.statistics()).toMatchObject({
      requests: 2,
      retries: 2,
      errors: { HOST_UNAVAILABLE: 2 },
    });
  });

  it('ends a refused connection as HOST_UNAVAILABLE after its retries', async () => {
    const port = await closedPort();
    adapter = new TestAdapter({
      name: 'r',
      baseUrl: `http://127.0.0.1:${port}`,
      maxSockets: 2,
      retry: fast,
    });
    const error = await failure(adapter.call({ method: 'GET', path: '/' }));
    expect(error).toBeInstanceOf(HostUnavailableError);
    expect(error).toMatchObject({ causeCode: 'ECONNREFUSED', attempts: 3 });
    expect(adapter.statistics().retries).toBe(2);
  });

  it('ends an unanswered call as HOST_TIMEOUT after its retries', async () => {
    const url = await start(() => undefined); // never answers
    adapter = new TestAdapter({
      name: 'r',
      baseUrl: url,
      maxSockets: 2,
      timeoutMs: 80,
      retry: { ...fast, maxAttempts: 2 },
    });
    const error = await failure(adapter.call({ method: 'GET', path: '/' }));
    expect(error).toBeInstanceOf(HostTimeoutError);
    expect(error).toMatchObject({ code: 'HOST_TIMEOUT', timeoutMs: 80, attempts: 2 });
    expect(host?.requests).toBe(2);
  });

  it('sends the query, the JSON body and the api key', async () => {
    let seen: { url?: string; key?: string; body?: string } = {};
    const url = await start((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen = { url: req.url, key: req.headers['x-api-key'] as string, body };
        sendJson(res, 200, { ok: true });
      });
    });
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2, apiKey: 's3cret' });
    await adapter.call({
      method: 'PUT',
      path: '/data/x',
      query: { symbol: 'AAPL', limit: 5, skipped: undefined, 'a b': 'x&y' },
      body: { a: [1, 2] },
    });
    expect(seen).toEqual({
      url: '/data/x?symbol=AAPL&limit=5&a%20b=x%26y',
      key: 's3cret',
      body: '{"a":[1,2]}',
    });
  });

  it('keeps a non-JSON error body as the message, and an empty 2xx body as undefined', async () => {
    const url = await start((req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>no route</h1>');
    });
    adapter = new TestAdapter({ name: 'r', baseUrl: url, maxSockets: 2 });
    await expect(adapter.call({ method: 'GET', path: '/empty' })).resolves.toBeUndefined();
    const error = await failure(adapter.call({ method: 'GET', path: '/html' }));
    expect(error).toMatchObject({ status: 404, hostMessage: '<h1>no route</h1>' });
  });
});
