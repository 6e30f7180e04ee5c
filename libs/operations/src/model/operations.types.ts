import type { OperationEvent, OperationRecord, OperationStatus } from './operation.types';

/** The filters and page of `GET /operations`. */
export interface OperationListQuery {
  status?: OperationStatus;
  operation_type?: string;
  /** Only `pending`, `running` and `cancelling` operations. */
  active_only?: boolean;
  limit: number;
  offset: number;
}

/** A page of the list, newest first. */
export interface OperationPage {
  items: OperationRecord[];
  /** Operations matching the filters. */
  total: number;
  /** All active operations, whatever the filters. */
  active_count: number;
}

export interface OperationMetricsItem {
  cursor: number;
  recorded_at: string;
  data: Record<string, unknown>;
}

/** A page of an operation's metrics series; `next_cursor` is null when no more entries exist. */
export interface OperationMetricsPage {
  items: OperationMetricsItem[];
  next_cursor: number | null;
}

/** What every "start an operation" route answers (202): the new operation's id and status. */
export interface StartedOperation {
  operation_id: string;
  status: OperationStatus;
}

/** An entry of the list feed (socket.io `subscribe_all`). */
export interface OperationFeedEntry {
  kind: 'created' | 'status_changed';
  operation: OperationRecord;
}

/** A terminal transition as stored: the record afterwards and its status event. */
export interface OperationEnded {
  record: OperationRecord;
  event: Extract<OperationEvent, { kind: 'status' }>;
}
