import { CancellationError } from './cancellation-error';

/**
 * Waits `ms` milliseconds, or rejects at once when `signal` aborts: with the signal's
 * {@link CancellationError} (a token's signal), else with `new CancellationError('cancelled')`.
 * Leaves no timer and no listener behind either way.
 *
 * @example
 * await sleep(backoffMs, ctx.token.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(toCancellationError(signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(toCancellationError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function toCancellationError(reason: unknown): CancellationError {
  return CancellationError.from(reason) ?? new CancellationError('cancelled');
}
