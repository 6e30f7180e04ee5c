import type {
  OperationEvent,
  OperationRecord,
  OperationStatus,
  ProgressSnapshot,
} from '../api.types';

let counter = 0;

/** A made-up id in the API's shape: `op_dummy_20240101_000000_0000002a`. */
export function fakeOperationId(type = 'dummy'): string {
  counter += 1;
  return `op_${type}_20240101_000000_${counter.toString(16).padStart(8, '0')}`;
}

/** Test double of one server-side operation: its record, event history and live listeners. */
export class FakeOperation {
  readonly events: OperationEvent[] = [];
  private readonly listeners = new Set<(event: OperationEvent) => void>();
  private timer: NodeJS.Timeout | undefined;
  private stepsDone = 0;

  constructor(readonly record: OperationRecord) {}

  static create(fields: Partial<OperationRecord> = {}): FakeOperation {
    const now = new Date().toISOString();
    return new FakeOperation({
      operation_id: fakeOperationId(fields.operation_type),
      operation_type: 'dummy',
      status: 'pending',
      created_at: now,
      started_at: null,
      completed_at: null,
      updated_at: now,
      metadata: {},
      progress: null,
      result: null,
      error: null,
      cancellation: null,
      retry_of: null,
      ...fields,
    });
  }

  get isFinal(): boolean {
    return ['completed', 'failed', 'cancelled'].includes(this.record.status);
  }

  subscribe(listener: (event: OperationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs like the API's dummy: one progress event per step, then the final status. */
  runDummy(steps: number, stepMs: number, failAtStep?: number): void {
    this.record.status = 'running';
    this.record.started_at = new Date().toISOString();
    const tick = (): void => {
      if (this.record.status !== 'running') return;
      const step = this.stepsDone + 1;
      if (step === failAtStep) {
        this.finish('failed', {
          error: { code: 'DUMMY_FAILURE', message: `failed at step ${step}` },
        });
        return;
      }
      this.stepsDone = step;
      this.emitProgress({
        percentage: (step / steps) * 100,
        message: `step ${step}/${steps}`,
        items_processed: step,
        items_total: steps,
        current_item: `step ${step}`,
        eta_seconds: ((steps - step) * stepMs) / 1000,
      });
      if (step === steps) this.finish('completed', { result: { steps_completed: step } });
      else this.timer = setTimeout(tick, stepMs);
    };
    this.timer = setTimeout(tick, stepMs);
  }

  /** DELETE: `cancelling` now, `cancelled` after `delayMs` (never while already final). */
  requestCancel(reason: string, delayMs: number): void {
    this.record.cancellation = { requested_at: new Date().toISOString(), reason };
    if (this.record.status === 'pending') {
      this.finish('cancelled', {});
      return;
    }
    this.record.status = 'cancelling';
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.finish('cancelled', { result: { steps_completed: this.stepsDone } }),
      delayMs,
    );
  }

  emitProgress(fields: Partial<ProgressSnapshot>): void {
    const seq = this.events.length + 1;
    const progress: ProgressSnapshot = {
      seq,
      percentage: 0,
      message: '',
      step_name: 'run',
      steps_completed: 0,
      steps_total: 1,
      items_processed: null,
      items_total: null,
      current_item: null,
      eta_seconds: null,
      context: {},
      updated_at: new Date().toISOString(),
      ...fields,
    };
    this.record.progress = progress;
    this.emit({ kind: 'progress', operation_id: this.record.operation_id, seq, progress });
  }

  finish(status: OperationStatus, fields: Partial<OperationRecord>): void {
    clearTimeout(this.timer);
    const now = new Date().toISOString();
    Object.assign(this.record, fields, { status, completed_at: now, updated_at: now });
    const seq = this.events.length + 1;
    const operation = structuredClone(this.record);
    this.emit({ kind: 'status', operation_id: this.record.operation_id, seq, status, operation });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private emit(event: OperationEvent): void {
    this.events.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}
