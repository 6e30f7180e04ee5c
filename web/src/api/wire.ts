// The API's JSON as the page reads it (operations.md). Written by hand: the Node-side types
// live in Nest modules a browser build cannot import.

export const OPERATION_STATUSES = [
  'pending',
  'running',
  'cancelling',
  'completed',
  'failed',
  'cancelled',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OperationStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export interface ProgressSnapshot {
  seq: number;
  percentage: number;
  message: string;
  step_name: string | null;
  steps_completed: number;
  steps_total: number;
  items_processed: number | null;
  items_total: number | null;
  current_item: string | null;
  eta_seconds: number | null;
  context: Record<string, unknown>;
  updated_at: string;
}

export interface OperationRecord {
  operation_id: string;
  operation_type: string;
  status: OperationStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
  metadata: {
    symbol?: string;
    timeframe?: string;
    mode?: string;
    start_date?: string;
    end_date?: string;
    parameters?: Record<string, unknown>;
  };
  progress: ProgressSnapshot | null;
  result: unknown;
  error: { code: string; message: string } | null;
  cancellation: { requested_at: string; reason: string } | null;
}

export interface OperationPage {
  items: OperationRecord[];
  total: number;
  active_count: number;
}

export interface MetricsItem {
  cursor: number;
  recorded_at: string;
  data: Record<string, unknown>;
}

export interface MetricsPage {
  items: MetricsItem[];
  next_cursor: number | null;
}

export interface StartedOperation {
  operation_id: string;
  status: OperationStatus;
}

/** socket.io `progress` (and SSE `progress`). */
export interface ProgressEvent {
  kind: 'progress';
  operation_id: string;
  seq: number;
  progress: ProgressSnapshot;
}

/** socket.io `status`: the last event of an operation. */
export interface StatusEvent {
  kind: 'status';
  operation_id: string;
  seq: number;
  status: OperationStatus;
  operation: OperationRecord;
}

export type OperationEvent = ProgressEvent | StatusEvent;

/** socket.io `operation_created` / `operation_status` (the list feed). */
export interface FeedEntry {
  kind: 'created' | 'status_changed';
  operation: OperationRecord;
}
