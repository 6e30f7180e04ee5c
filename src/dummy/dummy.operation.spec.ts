import {
  CancellationError,
  CancellationToken,
  ProgressReporter,
  type OperationRunContext,
  type ProgressSnapshot,
} from '@ktrdr/async-infrastructure';
import { DummyFailureError, DummyOperation } from './dummy.operation';

function context(): {
  ctx: OperationRunContext;
  token: CancellationToken;
  snapshots: ProgressSnapshot[];
} {
  const token = new CancellationToken();
  const snapshots: ProgressSnapshot[] = [];
  const progress = new ProgressReporter({ onUpdate: (s) => snapshots.push(s) });
  const ctx: OperationRunContext = {
    operationId: 'op_dummy_20250101_000000_00000000',
    token,
    progress,
    appendMetrics: () => Promise.resolve(),
  };
  return { ctx, token, snapshots };
}

describe('DummyOperation', () => {
  const dummy = new DummyOperation();

  it('reports one step "run" with an item per dummy step and returns the summary', async () => {
    const { ctx, snapshots } = context();
    const result = await dummy.run({ steps: 4, step_ms: 0 }, ctx);
    expect(result).toEqual({ steps_completed: 4, elapsed_ms: expect.any(Number) });
    const last = snapshots.at(-1)!;
    expect(last).toMatchObject({
      step_name: 'run',
      items_processed: 4,
      items_total: 4,
      current_item: 'step 4',
      percentage: 100,
      context: { step: 4 },
    });
    expect(snapshots.map((s) => s.items_processed)).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails at fail_at_step with a DUMMY_FAILURE error, after reporting the steps before it', async () => {
    const { ctx, snapshots } = context();
    const run = dummy.run({ steps: 5, step_ms: 0, fail_at_step: 2 }, ctx);
    await expect(run).rejects.toBeInstanceOf(DummyFailureError);
    await expect(run).rejects.toMatchObject({ code: 'DUMMY_FAILURE' });
    expect(snapshots.at(-1)?.items_processed).toBe(1);
  });

  it('stops within milliseconds of a cancel, mid-step, with the partial result', async () => {
    const { ctx, token, snapshots } = context();
    const run = dummy.run({ steps: 10, step_ms: 60_000 }, ctx);
    await Promise.resolve();
    const cancelledAt = Date.now();
    token.cancel('user requested');
    const error: unknown = await run.catch((e: unknown) => e);
    expect(Date.now() - cancelledAt).toBeLessThan(50);
    expect(error).toBeInstanceOf(CancellationError);
    expect(error).toMatchObject({
      reason: 'user requested',
      partialResult: { steps_completed: 0 },
    });
    expect(snapshots.at(-1)?.items_processed).toBe(0);
  });
});
