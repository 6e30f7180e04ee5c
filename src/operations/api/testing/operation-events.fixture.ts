import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { OperationEvent, OperationRecord } from '@ktrdr/operations';

export const FIXTURE_OPERATION_ID = 'op_dummy_20250101_000000_00000000';

/** A progress event of `step` (a partial snapshot: what the event pipelines look at). */
export function progressEvent(
  seq: number,
  step: string,
  snapshot: Partial<ProgressSnapshot> = {},
): OperationEvent {
  return {
    kind: 'progress',
    operation_id: FIXTURE_OPERATION_ID,
    seq,
    progress: { ...snapshot, seq, step_name: step } as ProgressSnapshot,
  };
}

/** The terminal `completed` status event. */
export function statusEvent(seq: number): OperationEvent {
  return {
    kind: 'status',
    operation_id: FIXTURE_OPERATION_ID,
    seq,
    status: 'completed',
    operation: {} as OperationRecord,
  };
}
