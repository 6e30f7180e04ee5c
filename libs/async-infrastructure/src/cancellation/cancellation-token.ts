import { setMaxListeners } from 'node:events';
import { CancellationError } from './cancellation-error';

/**
 * The cancellation handle of one piece of work, over a standard `AbortController`: pass
 * `token.signal` unchanged to timers, HTTP calls and child work. The signal's abort reason is
 * the {@link CancellationError} carrying the token's reason.
 *
 * @example
 * const token = new CancellationToken();
 * const child = token.child(); // cancelled with the parent, never the other way round
 * token.cancel('user request');
 * child.reason; // 'user request'
 */
export class CancellationToken {
  private readonly controller = new AbortController();
  private detachFromParent: (() => void) | null = null;

  constructor(parent?: CancellationToken) {
    // One operation's signal legitimately fans out to many concurrent calls and child tokens;
    // Node's default of 10 listeners would warn about a leak that is not one.
    setMaxListeners(0, this.controller.signal);
    if (parent) {
      const detach = parent.onCancel((reason) => this.cancel(reason));
      // onCancel may have already run (parent cancelled): then there is nothing to detach.
      if (!this.isCancelled) this.detachFromParent = detach;
    }
  }

  /** True once `cancel` was called (here or on an ancestor). */
  get isCancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** The reason of the first `cancel`, or null while not cancelled. */
  get reason(): string | null {
    return this.error?.reason ?? null;
  }

  /** The standard signal; aborts with the {@link CancellationError} as its reason. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Cancels the token and its children. The first reason wins; later calls do nothing. */
  cancel(reason = 'cancelled'): void {
    if (this.isCancelled) return;
    this.detach();
    this.controller.abort(new CancellationError(reason));
  }

  /** Throws the token's {@link CancellationError} when cancelled. */
  throwIfCancelled(): void {
    const error = this.error;
    if (error) throw new CancellationError(error.reason);
  }

  /**
   * A token cancelled when this one is (with this one's reason); cancelling the child leaves
   * this one untouched. Call `dispose()` on the child when its work is over.
   */
  child(): CancellationToken {
    return new CancellationToken(this);
  }

  /**
   * Calls `cb` with the reason when the token is cancelled — at once if it already is.
   * Returns a function that unsubscribes. `cb` should not throw: like any `AbortSignal`
   * listener, an error it throws is reported as an uncaught exception.
   */
  onCancel(cb: (reason: string) => void): () => void {
    const error = this.error;
    if (error) {
      cb(error.reason);
      return () => undefined;
    }
    const signal = this.controller.signal;
    const listener = (): void => cb(this.reason ?? 'cancelled');
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  }

  /** Detaches from the parent token (no listener left behind). Does not cancel this token. */
  dispose(): void {
    this.detach();
  }

  private detach(): void {
    this.detachFromParent?.();
    this.detachFromParent = null;
  }

  private get error(): CancellationError | null {
    const signal = this.controller.signal;
    if (!signal.aborted) return null;
    return CancellationError.from(signal.reason) ?? new CancellationError('cancelled');
  }
}
