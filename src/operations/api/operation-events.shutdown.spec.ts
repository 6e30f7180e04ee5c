import { Injectable } from '@nestjs/common';
import type { OperationRunContext } from '@ktrdr/async-infrastructure';
import {
  OperationHandler,
  OperationLauncher,
  type OperationHandlerInstance,
} from '@ktrdr/operations';
import { openSse } from '../../common/testing/sse-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';

/** Reports once, then never ends and never looks at its token: it outlives any grace. */
@Injectable()
@OperationHandler('test_stubborn')
class StubbornOperation implements OperationHandlerInstance<Record<string, never>> {
  run(_params: Record<string, never>, ctx: OperationRunContext): Promise<void> {
    ctx.progress.update({ fraction: 0.1 });
    return new Promise<void>(() => undefined);
  }
}

describe('shutdown with an SSE client following an operation that outlives the grace', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ SHUTDOWN_GRACE_MS: '50' }, { providers: [StubbornOperation] });
  });

  it('closes the app (the open event stream does not hold server.close() forever)', async () => {
    const op = await t.app.get(OperationLauncher).launch({
      operation_type: 'test_stubborn',
      params: {},
    });
    const sse = await openSse(`${t.url}/api/v1/operations/${op.operation_id}/events`);
    await sse.waitFor((m) => m.event === 'progress');

    await t.close();
    // The server cut the stream: the client sees it end (as an aborted body).
    await expect(sse.ended.catch(() => 'cut')).resolves.toBeDefined();
  }, 10_000);
});
