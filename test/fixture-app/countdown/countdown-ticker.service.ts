import { Injectable } from '@nestjs/common';
import { CancellationError, OperationContext, sleep } from '@ktrdr/async-infrastructure';
import type { CountdownPartialResult } from './countdown.types';

/**
 * Code deep in the operation's call chain: a singleton shared by every running countdown that is
 * handed neither token nor progress reporter. It reads the *current* operation's through the
 * injected `OperationContext` (AsyncLocalStorage), after every await, and records which
 * operation id it saw, so a test can prove each operation only ever sees its own context.
 */
@Injectable()
export class CountdownTicker {
  constructor(private readonly operation: OperationContext) {}

  /** Counts `from` ticks down; returns the operation ids it observed along the way. */
  async countDown(from: number, tickMs: number): Promise<string[]> {
    const observed = new Set<string>([this.operation.operationId]);
    this.operation.progress.startStep('count', { items_total: from });
    for (let remaining = from; remaining > 0; remaining--) {
      try {
        await sleep(tickMs, this.operation.token.signal);
      } catch (error) {
        const cancellation = CancellationError.from(error);
        if (cancellation === null) throw error;
        const partial: CountdownPartialResult = {
          remaining,
          observed_operation_ids: [...observed],
        };
        throw new CancellationError(cancellation.reason, { partialResult: partial });
      }
      const operationId = this.operation.operationId;
      observed.add(operationId);
      this.operation.progress.update({
        items_processed: from - remaining + 1,
        current_item: `T-${remaining - 1}`,
        context: { remaining: remaining - 1, observed_by: operationId },
      });
    }
    return [...observed];
  }
}
