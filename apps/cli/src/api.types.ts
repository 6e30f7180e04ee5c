import type { OperationRecord, OperationStatus } from '@ktrdr/async-infrastructure';

// The wire shapes are the server's contract types; importing them as types only keeps the CLI
// free of the server's runtime code.
export type {
  OperationEvent,
  OperationRecord,
  OperationStatus,
  ProgressSnapshot,
} from '@ktrdr/async-infrastructure';

export const OPERATION_STATUSES: readonly OperationStatus[] = [
  'pending',
  'running',
  'cancelling',
  'completed',
  'failed',
  'cancelled',
];

const FINAL_STATUSES: readonly OperationStatus[] = ['completed', 'failed', 'cancelled'];

/** True for `completed`, `failed` and `cancelled`: states that never change again. */
export function isFinalStatus(status: OperationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** `GET /operations` query. */
export interface ListOperationsQuery {
  status?: OperationStatus;
  operation_type?: string;
  active_only?: boolean;
  limit?: number;
  offset?: number;
}

/** `GET /operations` answer. */
export interface OperationList {
  items: OperationRecord[];
  total: number;
  active_count: number;
}

/** What every "start an operation" route answers (202). */
export interface StartedOperation {
  operation_id: string;
  status: OperationStatus;
}

/** `POST /operations/dummy` body. */
export interface DummyOperationParams {
  steps: number;
  step_ms: number;
  fail_at_step?: number;
}

/** `POST /data/load` body. */
export interface DataLoadRequest {
  symbol: string;
  timeframe: string;
  mode?: string;
  /** ISO-8601 date or date-time with a zone. */
  start_date?: string;
  end_date?: string;
  /** Clamp or drop invalid bars after the load. */
  repair?: boolean;
}

/** Issue counts of a bar validation (the API's ValidationSummary). */
export interface BarValidationSummary {
  issues: { kind: string; severity: 'error' | 'warning'; count: number }[];
  total_errors: number;
  total_warnings: number;
  /** What a repair changed, when one was asked for and needed. */
  changes?: string[];
}

/** The result of a `data_load` operation (data.md, "Result summary"); partial on cancel. */
export interface DataLoadResult {
  symbol: string;
  timeframe: string;
  mode: string;
  /** The provider's label (`synthetic`, `ib`, `csv`) or `cache`. */
  source: string;
  venue: 'local' | 'host';
  start: string | null;
  end: string;
  start_clamped: { requested: string; clamped_to: string } | null;
  bars_before: number;
  bars_after: number;
  bars_fetched: number;
  /** For `local` mode: the cached bars inside [start, end]. */
  bars_in_range: number;
  gaps_found: number;
  segments_planned: number;
  segments_fetched: number;
  segments_failed: number;
  requests_made: number;
  retries: number;
  first_bar: string | null;
  last_bar: string | null;
  validation: BarValidationSummary | null;
  warnings: string[];
  duration_ms: number;
  cancelled: boolean;
}

/** `GET /data/:symbol/:timeframe`: cached bars, columnar, `t` in epoch ms UTC. */
export interface ColumnarBars {
  symbol: string;
  timeframe: string;
  count: number;
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

/** `GET /data/:symbol/:timeframe/range`. */
export interface SeriesRange {
  symbol: string;
  timeframe: string;
  first: string;
  last: string;
  count: number;
}

/** `GET /symbols`: each cached symbol with its series. */
export interface SymbolList {
  symbols: {
    symbol: string;
    timeframes: { timeframe: string; first: string; last: string; count: number }[];
  }[];
}

/** `POST /data/:symbol/:timeframe/import` answer. */
export interface CsvImportResult {
  symbol: string;
  timeframe: string;
  /** Bars taken from the file. */
  imported: number;
  /** Bars in the cached series after the merge. */
  merged_total: number;
  /** Daily/weekly rows dated on a closed day, left out. */
  skipped: number;
  validation: BarValidationSummary;
}
