import type { Generated, Kysely } from 'kysely';

/** Row of `operations`: JSON columns are TEXT, times ISO-8601 TEXT (portable SQLite/PostgreSQL). */
export interface OperationsTable {
  operation_id: string;
  operation_type: string;
  status: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
  metadata: string;
  progress: string | null;
  progress_seq: Generated<number>;
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  cancel_requested_at: string | null;
  cancel_reason: string | null;
  /** The job's params as JSON; NULL when not stored (operations older than migration 004). */
  params: string | null;
  retry_of: string | null;
  /** Queued execution: the worker holding the running operation, and until when. */
  worker_id: Generated<string | null>;
  lease_expires_at: Generated<string | null>;
}

/** Step-change progress snapshots and the terminal status event of an operation, for resume. */
export interface OperationEventsTable {
  operation_id: string;
  seq: number;
  kind: 'progress' | 'status';
  payload: string;
}

export interface OperationMetricsTable {
  id: Generated<number>;
  operation_id: string;
  recorded_at: string;
  data: string;
}

export interface OperationsDatabase {
  operations: OperationsTable;
  operation_events: OperationEventsTable;
  operation_metrics: OperationMetricsTable;
}

export type DatabaseKind = 'sqlite' | 'postgres';

/** The opened database and what the migrations and logs need to know about it. */
export interface DatabaseHandle {
  readonly db: Kysely<OperationsDatabase>;
  readonly kind: DatabaseKind;
  /** PostgreSQL schema the connections use (search_path); null for SQLite or the default. */
  readonly schema: string | null;
  /** Where the data lives, safe to log (a file path, or the URL without its password). */
  readonly location: string;
}
