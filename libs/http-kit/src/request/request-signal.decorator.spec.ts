import { once } from 'node:events';
import http from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CancellationError } from '@ktrdr/async-infrastructure';
import { createKitTestApp, kitEvents } from '../testing/kit-test-app';

describe('@RequestSignal()', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeEach(async () => {
    app = await createKitTestApp();
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterEach(async () => {
    await app.close();
  });

  it('aborts when the client goes away before the answer', async () => {
    const started = once(kitEvents, 'slow-started');
    const aborted = once(kitEvents, 'slow-aborted');
    const req = http.get(`${base}/slow`);
    req.on('error', () => undefined); // the abort below makes the client request fail
    await started;
    req.destroy();
    const [reason] = (await aborted) as [unknown];
    expect(reason).toBeInstanceOf(CancellationError);
    expect((reason as CancellationError).reason).toBe('client disconnected');
  });

  it('stays quiet when the answer was sent', async () => {
    const seen = once(kitEvents, 'fast-signal');
    const res = await fetch(`${base}/fast`);
    expect(await res.json()).toEqual({ ok: true });
    const [signal, serverRes] = (await seen) as [AbortSignal, http.ServerResponse];
    // The response's own close (after it was fully written) must not count as a disconnect.
    if (!serverRes.closed) await once(serverRes, 'close');
    expect(signal.aborted).toBe(false);
  });
});
