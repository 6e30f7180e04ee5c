import type { AdapterHttpMethod, AttemptFailure } from './retryable-failure';

/** One call to the host, as a subclass describes it to `AsyncServiceAdapter.request`. */
export interface AdapterRequest {
  method: AdapterHttpMethod;
  /** Path under the adapter's base URL, e.g. `/data/historical`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  body?: unknown;
  /** The operation's signal: aborting it aborts the request on its socket, or the backoff wait. */
  signal?: AbortSignal;
  /** Set for a POST/PUT/DELETE the host can safely receive twice; makes it retryable. */
  idempotent?: boolean;
  /** Per-attempt timeout overriding the adapter's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * Attempts for this call, the first included, overriding the adapter's `retry.maxAttempts`.
   * `1` = no retry here: for a caller that owns the retries (and counts them) itself.
   */
  maxAttempts?: number;
  /**
   * Called when a retry is decided, right before its backoff wait (to count retries per job,
   * e.g. a data load's `retries`). Should not throw; if it does, the error is logged.
   */
  onRetry?: (event: AdapterRetryEvent) => void;
}

/** Passed to {@link AdapterRequest.onRetry}. */
export interface AdapterRetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  failure: AttemptFailure;
}
