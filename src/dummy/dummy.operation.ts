import { Injectable } from '@nestjs/common';
import { CancellationError, sleep, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from '@ktrdr/operations';

export interface DummyParams {
  steps: number;
  step_ms: number;
  fail_at_step?: number;
}

export interface DummyResult {
  steps_completed: number;
  elapsed_ms: number;
}

/** The failure a dummy run was asked for (`fail_at_step`); the operation ends `failed`. */
export class DummyFailureError extends Error {
  readonly code = 'DUMMY_FAILURE';

  constructor(step: number) {
    super(`Dummy operation failed at step ${step} as requested`);
    this.name = 'DummyFailureError';
  }
}

/**
 * The reference operation: the smallest complete example of an operation handler. It waits
 * `step_ms` per step, reports each step as progress, fails on request and stops as soon as its
 * token is cancelled. Copy this shape for a new operation type.
 */
@Injectable()
@OperationHandler('dummy')
export class DummyOperation implements OperationHandlerInstance<DummyParams, DummyResult> {
  async run(params: DummyParams, ctx: OperationRunContext): Promise<DummyResult> {
    const startedAt = Date.now();
    // One step ('run') whose items are the dummy steps: percentage follows items_processed.
    ctx.progress.startStep('run', { items_total: params.steps });

    for (let step = 1; step <= params.steps; step++) {
      try {
        // The token's signal ends the wait at once on cancel: cancel latency is not step_ms.
        await sleep(params.step_ms, ctx.token.signal);
      } catch (error) {
        const cancellation = CancellationError.from(error);
        if (cancellation === null) throw error;
        // Cancelled: report what was done as the partial result (the operation ends cancelled).
        throw new CancellationError(cancellation.reason, {
          partialResult: { steps_completed: step - 1 },
        });
      }
      if (step === params.fail_at_step) throw new DummyFailureError(step);
      ctx.progress.update({
        items_processed: step,
        current_item: `step ${step}`,
        context: { step },
      });
    }

    return { steps_completed: params.steps, elapsed_ms: Date.now() - startedAt };
  }
}
