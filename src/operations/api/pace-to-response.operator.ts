import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { OperationEvent } from '@ktrdr/operations';

/** The part of a Node response (or any writable) whose backpressure the pacing follows. */
export interface DrainableResponse {
  /** True once a write was refused (the buffer is full) until the next 'drain'. */
  readonly writableNeedDrain: boolean;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * Passes an operation's events on only while the response is draining. While it is not (the
 * client stopped reading), events are held back and coalesced: the status event and, per step,
 * only the newest progress event; on 'drain' they go out in seq order. What waits for a slow
 * client is therefore bounded by the operation's step count, whatever the producer's rate, and
 * no step and no terminal event is lost. Completes once the source did and nothing is held.
 */
export function paceToResponse(res: DrainableResponse): MonoTypeOperatorFunction<OperationEvent> {
  return (source) =>
    new Observable<OperationEvent>((subscriber) => {
      const held: OperationEvent[] = [];
      let sourceDone = false;
      const flush = (): void => {
        while (!res.writableNeedDrain && !subscriber.closed) {
          const event = held.shift();
          if (event === undefined) break;
          subscriber.next(event);
        }
        if (held.length === 0 && sourceDone) subscriber.complete();
      };
      res.on('drain', flush);
      const subscription = source.subscribe({
        next: (event) => {
          if (held.length === 0 && !res.writableNeedDrain) subscriber.next(event);
          else hold(held, event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          flush();
        },
      });
      return () => {
        subscription.unsubscribe();
        res.off('drain', flush);
      };
    });
}

/** Adds `event` to what is held, replacing the held progress event of the same step. */
function hold(held: OperationEvent[], event: OperationEvent): void {
  if (event.kind === 'progress') {
    const sameStep = held.findIndex(
      (e) => e.kind === 'progress' && e.progress.step_name === event.progress.step_name,
    );
    if (sameStep >= 0) held.splice(sameStep, 1);
  }
  held.push(event);
}
