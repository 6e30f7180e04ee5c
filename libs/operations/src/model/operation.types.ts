import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/** The states of operations.md. */
export type OperationStatus =
  'pending' | 'running' | 'cancelling' | 'completed' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: readonly OperationStatus[] = ['completed', 'failed', 'cancelled'];
export const ACTIVE_STATUSES: readonly OperationStatus[] = ['pending', 'running', 'cancelling'];

export function isTerminalStatus(status: OperationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Descriptive metadata stored with an operation (operations.md, "metadata"). */
export interface OperationMetadata {
  symbol?: string;
  timeframe?: string;
  mode?: string;
  start_date?: string;
  end_date?: string;
  parameters?: Record<string, unknown>;
}

export interface OperationError {
  code: string;
  message: string;
}

export interface OperationCancellation {
  requested_at: string;
  reason: string;
}

/** The operation as stored and as every API answers it. */
export interface OperationRecord {
  operation_id: string;
  operation_type: string;
  status: OperationStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
  metadata: OperationMetadata;
  progress: ProgressSnapshot | null;
  result: unknown;
  error: OperationError | null;
  cancellation: OperationCancellation | null;
  /** The operation this one retries (`POST /operations/:id/retry`), else null. */
  retry_of: string | null;
}

export interface NewOperation {
  operation_type: string;
  metadata?: OperationMetadata;
  /**
   * The job's params, stored (as JSON) so that a retry can start the same work again; they are
   * not part of the record the API answers.
   */
  params?: unknown;
  /** The failed or cancelled operation this one retries. */
  retry_of?: string;
}

/** What a retry needs of a stored operation: its record and the params it was started with. */
export interface StoredLaunch {
  record: OperationRecord;
  /** The stored params; `undefined` when none were stored (created before they were). */
  params: unknown;
}

/**
 * What an executor hands to a worker: everything needed to run the operation, serialisable
 * (a queued executor sends it through Redis, so no closures).
 */
export interface OperationJob<P = unknown> {
  operation_id: string;
  operation_type: string;
  params: P;
}

/** How the work ended, as the runner reports it to the store. */
export type OperationOutcome =
  | { kind: 'completed'; result: unknown }
  | { kind: 'failed'; error: OperationError; result?: unknown }
  | { kind: 'cancelled'; reason: string; result?: unknown };

/** Events of one operation's stream (SSE and WebSocket send these). */
export type OperationEvent =
  | { kind: 'progress'; operation_id: string; seq: number; progress: ProgressSnapshot }
  | {
      kind: 'status';
      operation_id: string;
      seq: number;
      status: OperationStatus;
      operation: OperationRecord;
    };
