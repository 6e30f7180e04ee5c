import { Injectable } from '@nestjs/common';
import type { OperationRunContext } from '@ktrdr/async-infrastructure';
import {
  OperationHandler,
  OperationLauncher,
  type OperationHandlerInstance,
} from '@ktrdr/operations';
import { startDummy } from '../../common/testing/operations-client';
import { dataOf, openSse } from '../../common/testing/sse-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';

const GRACE_MS = 300;

/** When (performance.now()) and why the stubborn operation's token was cancelled. */
let resolveCancelled: (cancel: { at: number; reason: string | null }) => void;
const cancelled = new Promise<{ at: number; reason: string | null }>(
  (resolve) => (resolveCancelled = resolve),
);

/** Reports once, then never ends and never stops on its token: it outlives any grace. */
@Injectable()
@OperationHandler('test_stubborn')
class StubbornOperation implements OperationHandlerInstance<Record<string, never>> {
  run(_params: Record<string, never>, ctx: OperationRunContext): Promise<void> {
    ctx.progress.update({ fraction: 0.1 });
    ctx.token.onCancel((reason) => resolveCancelled({ at: performance.now(), reason }));
    return new Promise<void>(() => undefined);
  }
}

describe('shutdown with an SSE client following an operation that outlives the grace', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp(
      { SHUTDOWN_GRACE_MS: String(GRACE_MS) },
      { providers: [StubbornOperation] },
    );
  });

  it('waits for the operation up to the grace, then closes the app and cuts the stream', async () => {
    const op = await t.app.get(OperationLauncher).launch({
      operation_type: 'test_stubborn',
      params: {},
    });
    const sse = await openSse(`${t.url}/api/v1/operations/${op.operation_id}/events`);
    await sse.waitFor((m) => m.event === 'progress');

    // Without the grace bound this would never resolve (the operation never ends): the test
    // then fails on its timeout.
    const closed = t.close().then(() => performance.now());
    const streamEnded = sse.ended.catch(() => 'cut').then(() => performance.now());

    const cancel = await cancelled;
    expect(cancel.reason).toBe('shutdown');
    const [closedAt, endedAt] = await Promise.all([closed, streamEnded]);
    // The app waited for the operation for the whole grace, the stream staying open meanwhile…
    expect(endedAt - cancel.at).toBeGreaterThanOrEqual(GRACE_MS - 10);
    expect(closedAt - cancel.at).toBeGreaterThanOrEqual(GRACE_MS - 10);
    // …and not (much) longer.
    expect(closedAt - cancel.at).toBeLessThan(GRACE_MS + 5_000);
  }, 10_000);

  it('delivers the cancelled status of an operation that stops in time before closing the stream', async () => {
    const id = await startDummy(t.url, { steps: 10_000, step_ms: 20 });
    const sse = await openSse(`${t.url}/api/v1/operations/${id}/events`);
    await sse.waitFor((m) => m.event === 'progress');

    await t.close();

    // The stream ends normally (not cut) with the status the shutdown cancel produced.
    const last = (await sse.ended).at(-1)!;
    expect(dataOf(last)).toMatchObject({ kind: 'status', status: 'cancelled' });
  });
});
