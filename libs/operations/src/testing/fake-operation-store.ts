import { OperationStore } from '../execution/operation-store';
import {
  isTerminalStatus,
  type NewOperation,
  type OperationOutcome,
  type OperationRecord,
  type OperationStatus,
  type StoredLaunch,
} from '../model/operation.types';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/**
 * An in-memory OperationStore for this library's unit tests (not exported): it follows the
 * store contract (terminal states final, `cancelling` always ends `cancelled`) and lets a
 * test await an operation's end instead of sleeping.
 */
export class FakeOperationStore extends OperationStore {
  readonly records = new Map<string, OperationRecord>();
  readonly metrics = new Map<string, Record<string, unknown>[]>();
  readonly outcomes = new Map<string, OperationOutcome>();
  readonly params = new Map<string, unknown>();
  private readonly waiters = new Map<string, ((record: OperationRecord) => void)[]>();
  private counter = 0;

  /** Called when a cancel reaches a running operation (the app cancels its token). */
  onCancelRunning: (operationId: string, reason: string) => void = () => undefined;

  override create(input: NewOperation): Promise<OperationRecord> {
    this.counter += 1;
    const now = new Date().toISOString();
    const record: OperationRecord = {
      operation_id: `op_${input.operation_type}_${this.counter}`,
      operation_type: input.operation_type,
      status: 'pending',
      created_at: now,
      started_at: null,
      completed_at: null,
      updated_at: now,
      metadata: input.metadata ?? {},
      progress: null,
      result: null,
      error: null,
      cancellation: null,
      retry_of: input.retry_of ?? null,
    };
    this.records.set(record.operation_id, record);
    if (input.params !== undefined) this.params.set(record.operation_id, input.params);
    return Promise.resolve({ ...record });
  }

  override findLaunch(operationId: string): Promise<StoredLaunch | undefined> {
    const record = this.records.get(operationId);
    return Promise.resolve(
      record && { record: { ...record }, params: this.params.get(operationId) },
    );
  }

  override markRunning(operationId: string): Promise<boolean> {
    const record = this.require(operationId);
    if (record.status !== 'pending') return Promise.resolve(false);
    this.set(record, 'running');
    record.started_at = record.updated_at;
    return Promise.resolve(true);
  }

  override recordProgress(operationId: string, snapshot: ProgressSnapshot): void {
    const record = this.require(operationId);
    if (isTerminalStatus(record.status)) return;
    if (record.progress && record.progress.seq >= snapshot.seq) return;
    record.progress = snapshot;
  }

  override appendMetrics(operationId: string, entry: Record<string, unknown>): Promise<void> {
    const list = this.metrics.get(operationId) ?? [];
    list.push(entry);
    this.metrics.set(operationId, list);
    return Promise.resolve();
  }

  override finish(operationId: string, outcome: OperationOutcome): Promise<OperationStatus> {
    const record = this.require(operationId);
    this.outcomes.set(operationId, outcome);
    if (isTerminalStatus(record.status)) return Promise.resolve(record.status);
    if (record.status === 'cancelling') {
      this.set(record, 'cancelled');
      record.result = outcome.result ?? null;
    } else if (outcome.kind === 'failed') {
      this.set(record, 'failed');
      record.error = outcome.error;
    } else {
      this.set(record, outcome.kind);
      record.result = outcome.result ?? null;
    }
    record.completed_at = record.updated_at;
    for (const resolve of this.waiters.get(operationId) ?? []) resolve({ ...record });
    this.waiters.delete(operationId);
    return Promise.resolve(record.status);
  }

  /** The cancel request of the operations API: pending → cancelled, running → cancelling. */
  cancel(operationId: string, reason: string): OperationStatus {
    const record = this.require(operationId);
    if (record.status === 'pending') {
      void this.finish(operationId, { kind: 'cancelled', reason });
    } else if (record.status === 'running') {
      this.set(record, 'cancelling');
      record.cancellation = { requested_at: record.updated_at, reason };
      this.onCancelRunning(operationId, reason);
    }
    return record.status;
  }

  /** Resolves with the record once the operation is terminal. */
  whenFinished(operationId: string): Promise<OperationRecord> {
    const record = this.require(operationId);
    if (isTerminalStatus(record.status)) return Promise.resolve({ ...record });
    return new Promise((resolve) => {
      this.waiters.set(operationId, [...(this.waiters.get(operationId) ?? []), resolve]);
    });
  }

  private set(record: OperationRecord, status: OperationStatus): void {
    record.status = status;
    record.updated_at = new Date().toISOString();
  }

  private require(operationId: string): OperationRecord {
    const record = this.records.get(operationId);
    if (!record) throw new Error(`No operation ${operationId}`);
    return record;
  }
}
