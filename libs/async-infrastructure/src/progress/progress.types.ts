/**
 * The progress schema of an operation (operations.md, "Progress"). Field names are the wire
 * names: REST, SSE, WebSocket and the CLI all see exactly this shape.
 */
export interface ProgressSnapshot {
  /** Monotonic per operation, starting at 1. */
  seq: number;
  /** 0–100; never decreases within an operation. */
  percentage: number;
  /** Rendered by the operation type's ProgressRenderer. */
  message: string;
  step_name: string | null;
  steps_completed: number;
  steps_total: number;
  items_processed: number | null;
  items_total: number | null;
  current_item: string | null;
  /** Estimated seconds left from observed throughput; null until meaningful. */
  eta_seconds: number | null;
  /** Domain fields (symbol, timeframe, mode, epoch, batch, metrics, gpu…). */
  context: Record<string, unknown>;
  /** ISO-8601 UTC time of this snapshot. */
  updated_at: string;
}

/** One step of a progress plan: it owns the percentage range [start, end]. */
export interface ProgressStepDefinition {
  name: string;
  start: number;
  end: number;
}
