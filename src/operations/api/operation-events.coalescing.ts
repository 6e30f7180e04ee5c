import type { MonoTypeOperatorFunction } from 'rxjs';
import { coalesceProgress } from '@ktrdr/async-infrastructure';
import type { OperationEvent } from '@ktrdr/operations';

/** Each subscriber gets at most 10 progress updates per second (operations.md, "Progress"). */
export const EVENT_INTERVAL_MS = 100;

/**
 * Events that skip the rate limit: the terminal status, and progress that enters a new step
 * (so a subscriber never misses a step change).
 */
export function mustDeliverOperationEvent(
  event: OperationEvent,
  lastDelivered: OperationEvent | undefined,
): boolean {
  if (event.kind === 'status') return true;
  if (lastDelivered?.kind !== 'progress') return true;
  return event.progress.step_name !== lastDelivered.progress.step_name;
}

/** The per-subscriber coalescing shared by SSE and the socket.io gateway. */
export function coalesceOperationEvents(): MonoTypeOperatorFunction<OperationEvent> {
  return coalesceProgress({
    intervalMs: EVENT_INTERVAL_MS,
    mustDeliver: mustDeliverOperationEvent,
  });
}
