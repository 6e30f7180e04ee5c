import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { CancellationError } from '../cancellation/cancellation-error';
import { CancellationToken } from '../cancellation/cancellation-token';
import { LoopbackHost, sendJson } from './testing/loopback-host';
import { TestAdapter } from './testing/test-adapter';

describe('AsyncServiceAdapter cancellation', () => {
  let host: LoopbackHost;
  let adapter: TestAdapter;
  const held: http.ServerResponse[] = [];

  beforeAll(() => {
    Logger.overrideLogger(['error']);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  afterEach(async () => {
    adapter?.close();
    held.splice(0);
    await host?.close();
  });

  it('aborts an in-flight request at once and the host sees the connection close', async () => {
    host = await LoopbackHost.start((_req, res) => held.push(res)); // never answers
    adapter = new TestAdapter({ name: 'cancel', baseUrl: host.url, maxSockets: 2 });
    const token = new CancellationToken();
    const arrived = host.next('request');
    const call = adapter.call({ method: 'GET', path: '/slow', signal: token.signal });
    await arrived;
    const hostSawAbort = host.next('aborted');

    const started = performance.now();
    token.cancel('user request');
    const error: unknown = await call.catch((e: unknown) => e);
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(CancellationError);
    expect((error as CancellationError).reason).toBe('user request');
    expect(elapsed).toBeLessThan(50);
    await hostSawAbort;
    expect(host.requests).toBe(1);
    expect(adapter.statistics().errors).toEqual({ CANCELLED: 1 });
  });

  it('aborts the backoff wait between attempts', async () => {
    host = await LoopbackHost.start((_req, res) => sendJson(res, 503, { code: 'PROVIDER_DOWN' }));
    adapter = new TestAdapter({
      name: 'cancel-backoff',
      baseUrl: host.url,
      maxSockets: 2,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const token = new CancellationToken();
    let waitStarted!: () => void;
    const inBackoff = new Promise<void>((resolve) => (waitStarted = resolve));
    const call = adapter.call({
      method: 'GET',
      path: '/flaky',
      signal: token.signal,
      onRetry: () => waitStarted(),
    });
    await inBackoff;

    const started = performance.now();
    token.cancel('shutdown');
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED', reason: 'shutdown' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(host.requests).toBe(1);
  });

  it('rejects without a request when the signal is already aborted', async () => {
    host = await LoopbackHost.start((_req, res) => sendJson(res, 200, {}));
    adapter = new TestAdapter({ name: 'pre-cancelled', baseUrl: host.url, maxSockets: 2 });
    const token = new CancellationToken();
    token.cancel('too late');
    await expect(adapter.call({ method: 'GET', path: '/', signal: token.signal })).rejects.toThrow(
      CancellationError,
    );
    expect(host.requests).toBe(0);
  });

  it('treats a plain AbortController abort as a cancellation too', async () => {
    host = await LoopbackHost.start((_req, res) => held.push(res));
    adapter = new TestAdapter({ name: 'plain-abort', baseUrl: host.url, maxSockets: 2 });
    const controller = new AbortController();
    const arrived = host.next('request');
    const call = adapter.call({ method: 'GET', path: '/', signal: controller.signal });
    await arrived;
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'CancellationError', code: 'CANCELLED' });
  });

  it('close() stops an in-flight call with HOST_UNAVAILABLE', async () => {
    host = await LoopbackHost.start((_req, res) => held.push(res));
    adapter = new TestAdapter({ name: 'closed', baseUrl: host.url, maxSockets: 2 });
    const arrived = host.next('request');
    const call = adapter.call({ method: 'GET', path: '/' });
    await arrived;
    adapter.close();
    await expect(call).rejects.toMatchObject({
      code: 'HOST_UNAVAILABLE',
      causeCode: 'ADAPTER_CLOSED',
    });
  });
});
