import type { OperationEvent } from '../model/operation.types';

/**
 * Whether an event must skip any rate limit on its way to a subscriber or a relay: the terminal
 * status, and progress that enters a new step (so a step change is never dropped).
 */
export function mustDeliverOperationEvent(
  event: OperationEvent,
  lastDelivered: OperationEvent | undefined,
): boolean {
  if (event.kind === 'status') return true;
  if (lastDelivered?.kind !== 'progress') return true;
  return event.progress.step_name !== lastDelivered.progress.step_name;
}
