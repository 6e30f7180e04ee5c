/**
 * An `AbortError` that a Node API (`timers/promises`, `events.once`, `stream.pipeline`,
 * `fs` with a `signal`…) raised because one of our tokens was cancelled: Node puts the
 * signal's reason, our {@link CancellationError}, in its `cause`.
 */
export type CancellationAbortError = Error & { name: 'AbortError'; cause: CancellationError };

/**
 * Thrown when work stops because its cancellation token was cancelled. Callers tell it apart
 * from failures with {@link CancellationError.is}. It is also the `reason` of the token's
 * `AbortSignal`, so `signal.throwIfAborted()` and `fetch` reject with this very error.
 *
 * @example
 * try { await sleep(1000, token.signal); }
 * catch (e) { if (CancellationError.is(e)) return partial; throw e; }
 */
export class CancellationError extends Error {
  readonly code = 'CANCELLED' as const;
  /** Why the work was cancelled (`shutdown`, `timeout`, a user's reason…). */
  readonly reason: string;
  /** What the work had achieved when it stopped; kept as the operation's result. */
  readonly partialResult?: unknown;

  constructor(reason: string, options?: { partialResult?: unknown }) {
    super(`Cancelled: ${reason}`);
    this.name = 'CancellationError';
    this.reason = reason;
    if (options && 'partialResult' in options) this.partialResult = options.partialResult;
  }

  /**
   * True for a `CancellationError` and for an `AbortError` (Error or DOMException) whose
   * `cause` is one — what Node APIs throw when our token's signal aborts them. Other
   * `AbortError`s (a foreign signal, axios' `CanceledError`) are not recognised: check the
   * token (`token.isCancelled`) for those. Use {@link CancellationError.from} to get the
   * `CancellationError` itself (its `reason`, `partialResult`) in both cases.
   */
  static is(e: unknown): e is CancellationError | CancellationAbortError {
    return CancellationError.from(e) !== null;
  }

  /**
   * The `CancellationError` behind `e`: `e` itself, the `cause` of an `AbortError` raised by
   * our token's abort, or null when `e` is not a cancellation of ours.
   */
  static from(e: unknown): CancellationError | null {
    if (e instanceof CancellationError) return e;
    if (isAbortError(e) && e.cause instanceof CancellationError) return e.cause;
    return null;
  }
}

// Duck-typed rather than `instanceof Error`: Node's AbortError may come from another realm
// (a vm context, a worker), and a DOMException is not an Error subclass on every runtime.
function isAbortError(e: unknown): e is { name: 'AbortError'; cause?: unknown } {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
