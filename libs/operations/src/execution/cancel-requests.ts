import type { CancellationRegistry } from '@ktrdr/async-infrastructure';
import type { OperationRecord } from '../model/operation.types';

/**
 * How a cancel, once recorded in the store, reaches the work: the store calls it after a durable
 * change. In-process, the token is in this process; queued, the work may run in another one.
 */
export abstract class CancelRequests {
  /** A running operation was marked `cancelling`: cancel its token wherever it runs. */
  abstract running(operationId: string, reason: string): void;

  /** A pending operation was cancelled before it ran: what was queued for it may go. */
  abstract pendingCancelled(operation: OperationRecord): void;
}

/** In-process execution: the token is here. */
export class LocalCancelRequests extends CancelRequests {
  constructor(private readonly cancellations: CancellationRegistry) {
    super();
  }

  override running(operationId: string, reason: string): void {
    this.cancellations.cancel(operationId, reason);
  }

  /** Nothing was queued: the runner finds the operation no longer pending and does not start. */
  override pendingCancelled(): void {}
}
