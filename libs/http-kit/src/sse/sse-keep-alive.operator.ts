import type { MessageEvent } from '@nestjs/common';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** An SSE comment line (`: keep-alive`), ignored by clients; `@Sse()` writes it as such. */
export const SSE_KEEP_ALIVE_MESSAGE: MessageEvent = { comment: 'keep-alive' };

/**
 * Interleaves {@link SSE_KEEP_ALIVE_MESSAGE} into an `@Sse()` stream every `intervalMs` (while
 * `canWrite()` answers true), so proxies and clients do not time a quiet stream out. The timer
 * ends with the source or the subscriber.
 *
 * @example
 * return events$.pipe(map(toMessage), withSseKeepAlive(15_000));
 */
export function withSseKeepAlive(
  intervalMs: number,
  canWrite: () => boolean = () => true,
): MonoTypeOperatorFunction<MessageEvent> {
  return (source) =>
    new Observable<MessageEvent>((subscriber) => {
      const timer = setInterval(() => {
        if (canWrite()) subscriber.next(SSE_KEEP_ALIVE_MESSAGE);
      }, intervalMs);
      timer.unref();
      const subscription = source.subscribe(subscriber);
      return () => {
        clearInterval(timer);
        subscription.unsubscribe();
      };
    });
}
