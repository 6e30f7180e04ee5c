import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/** A valid progress snapshot for tests. */
export function progressSnapshot(seq: number, step: string | null = 'run'): ProgressSnapshot {
  return {
    seq,
    percentage: Math.min(100, seq),
    message: `update ${seq}`,
    step_name: step,
    steps_completed: 0,
    steps_total: 3,
    items_processed: seq,
    items_total: 100,
    current_item: `item ${seq}`,
    eta_seconds: null,
    context: { seq },
    updated_at: new Date().toISOString(),
  };
}
