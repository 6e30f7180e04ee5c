import type { MonoTypeOperatorFunction } from 'rxjs';
import { coalesceProgress } from '@ktrdr/async-infrastructure';
import { type OperationEvent, mustDeliverOperationEvent } from '@ktrdr/operations';

export { mustDeliverOperationEvent };

/** Each subscriber gets at most 10 progress updates per second (operations.md, "Progress"). */
export const EVENT_INTERVAL_MS = 100;

/** The per-subscriber coalescing shared by SSE and the socket.io gateway. */
export function coalesceOperationEvents(): MonoTypeOperatorFunction<OperationEvent> {
  return coalesceProgress({
    intervalMs: EVENT_INTERVAL_MS,
    mustDeliver: mustDeliverOperationEvent,
  });
}
