import { once } from 'node:events';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  AsyncServiceAdapter,
  type AdapterRequest,
  CancellationError,
  CancellationToken,
  HostRejectedError,
} from '@ktrdr/async-infrastructure';
import { createKitTestApp, kitEvents, TestHealthController } from './testing/kit-test-app';

class KitClient extends AsyncServiceAdapter {
  constructor(baseUrl: string) {
    super({ name: 'kit', baseUrl, maxSockets: 2, retry: { maxAttempts: 1 } });
  }

  call<T>(req: AdapterRequest): Promise<T> {
    return this.request<T>(req);
  }
}

/** The adapter against a real host app built with the kit: the two halves of one contract. */
describe('AsyncServiceAdapter ↔ an app built with the HTTP kit', () => {
  let app: NestExpressApplication;
  let client: KitClient;

  beforeEach(async () => {
    app = await createKitTestApp();
    await app.listen(0, '127.0.0.1');
    client = new KitClient(await app.getUrl());
  });
  afterEach(async () => {
    client.close();
    TestHealthController.healthy = true;
    await app.close();
  });

  const rejection = (req: AdapterRequest): Promise<HostRejectedError> =>
    client.call(req).then(
      () => Promise.reject(new Error('expected a rejection')),
      (e: unknown) => e as HostRejectedError,
    );

  it('reads the host code, message and details of an error answer', async () => {
    const typed = await rejection({ method: 'GET', path: '/typed' });
    expect(typed).toBeInstanceOf(HostRejectedError);
    expect(typed).toMatchObject({
      status: 422,
      hostCode: 'BEFORE_HEAD_TIMESTAMP',
      hostMessage: 'start is before the head timestamp',
    });

    const invalid = await rejection({ method: 'POST', path: '/items', body: { symbol: 'x' } });
    expect(invalid).toMatchObject({ status: 400, hostCode: 'VALIDATION_FAILED' });
    expect(invalid.hostMessage).toContain('symbol must be upper-case letters');
  });

  it('carries the Retry-After of a paced answer', async () => {
    const paced = await rejection({ method: 'GET', path: '/paced' });
    expect(paced).toMatchObject({ status: 429, hostCode: 'PACING_VIOLATION', retryAfterMs: 3000 });
    expect(paced.details).toEqual({ retry_after_ms: 2200 });
  });

  it('cancels the host side when the operation is cancelled', async () => {
    const token = new CancellationToken();
    const started = once(kitEvents, 'slow-started');
    const hostAborted = once(kitEvents, 'slow-aborted');
    const call = client.call({ method: 'GET', path: '/slow', signal: token.signal });
    await started;
    token.cancel('user request');
    await expect(call).rejects.toBeInstanceOf(CancellationError);
    await hostAborted;
  });

  it('reuses one keep-alive socket and reads the host health', async () => {
    for (let i = 0; i < 5; i += 1) await client.call({ method: 'GET', path: '/fast' });
    expect(client.statistics().sockets).toMatchObject({ created: 1, reused: 4 });
    await expect(client.health()).resolves.toMatchObject({
      ok: true,
      status: 200,
      details: { status: 'ok', provider: 'synthetic', connected: true },
    });
  });

  it('sees a host whose provider is down as not ok', async () => {
    TestHealthController.healthy = false;
    await expect(client.health()).resolves.toMatchObject({
      ok: false,
      status: 503,
      details: { status: 'unavailable', connected: false },
    });
  });
});
