import type { Insertable, Selectable } from 'kysely';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { OperationEventsTable, OperationsTable } from './database.types';
import type { OperationEnded } from '../model/operations.types';
import type {
  OperationEvent,
  OperationMetadata,
  OperationRecord,
  OperationStatus,
} from '../model/operation.types';

/** The columns of a record: every one but `params`, which only a retry reads. */
export const RECORD_COLUMNS = [
  'operation_id',
  'operation_type',
  'status',
  'created_at',
  'started_at',
  'completed_at',
  'updated_at',
  'metadata',
  'progress',
  'progress_seq',
  'result',
  'error_code',
  'error_message',
  'cancel_requested_at',
  'cancel_reason',
  'retry_of',
] as const satisfies readonly (keyof OperationsTable)[];

export type OperationRow = Pick<Selectable<OperationsTable>, (typeof RECORD_COLUMNS)[number]>;

/** JSON text to value; SQL NULL to null. */
export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Value to JSON text; undefined and null to SQL NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function toOperationRecord(row: OperationRow): OperationRecord {
  return {
    operation_id: row.operation_id,
    operation_type: row.operation_type,
    status: row.status as OperationStatus,
    created_at: row.created_at,
    started_at: row.started_at,
    completed_at: row.completed_at,
    updated_at: row.updated_at,
    metadata: fromJson<OperationMetadata>(row.metadata) ?? {},
    progress: fromJson<ProgressSnapshot>(row.progress),
    result: fromJson<unknown>(row.result),
    error:
      row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    cancellation:
      row.cancel_requested_at === null
        ? null
        : { requested_at: row.cancel_requested_at, reason: row.cancel_reason ?? '' },
    retry_of: row.retry_of,
  };
}

/** The row of a new operation; `params` as JSON, SQL NULL when there are none to store. */
export function toRow(record: OperationRecord, params: unknown): Insertable<OperationsTable> {
  return {
    operation_id: record.operation_id,
    operation_type: record.operation_type,
    status: record.status,
    created_at: record.created_at,
    started_at: record.started_at,
    completed_at: record.completed_at,
    updated_at: record.updated_at,
    metadata: JSON.stringify(record.metadata),
    progress: toJson(record.progress),
    progress_seq: record.progress?.seq ?? 0,
    result: toJson(record.result),
    error_code: record.error?.code ?? null,
    error_message: record.error?.message ?? null,
    cancel_requested_at: record.cancellation?.requested_at ?? null,
    cancel_reason: record.cancellation?.reason ?? null,
    params: params === undefined ? null : JSON.stringify(params),
    retry_of: record.retry_of,
  };
}

export function toOperationEvent(row: Selectable<OperationEventsTable>): OperationEvent {
  if (row.kind === 'status') {
    const operation = JSON.parse(row.payload) as OperationRecord;
    return {
      kind: 'status',
      operation_id: row.operation_id,
      seq: row.seq,
      status: operation.status,
      operation,
    };
  }
  return {
    kind: 'progress',
    operation_id: row.operation_id,
    seq: row.seq,
    progress: JSON.parse(row.payload) as ProgressSnapshot,
  };
}

/** The terminal record of `row` and its status event at `seq`. */
export function toEnded(row: OperationRow, seq: number): OperationEnded {
  const record = toOperationRecord(row);
  return {
    record,
    event: {
      kind: 'status',
      operation_id: record.operation_id,
      seq,
      status: record.status,
      operation: record,
    },
  };
}

/** The `operation_events` row of a status event. */
export function toStatusEventRow({ event }: OperationEnded) {
  return {
    operation_id: event.operation_id,
    seq: event.seq,
    kind: 'status' as const,
    payload: JSON.stringify(event.operation),
  };
}
