import {
  asyncScheduler,
  Observable,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

/** Options of {@link coalesceProgress}. */
export interface CoalesceProgressOptions<T> {
  /** At most one ordinary event per interval (default 100 ms: 10 per second). */
  intervalMs?: number;
  /** True for an event that must go out at once and never be dropped (step change, terminal). */
  mustDeliver: (event: T, lastDelivered: T | undefined) => boolean;
  /** The scheduler of the interval timer (default `asyncScheduler`; tests pass a virtual one). */
  scheduler?: SchedulerLike;
}

/**
 * Thins a fast progress stream for one subscriber without losing what matters: the first
 * event and every event `mustDeliver` accepts go out at once (a pending ordinary event before
 * it is dropped: it is older); other events go out at most once per interval, the latest
 * trailing at the end of the interval, so the subscriber is never more than `intervalMs`
 * behind. On completion a pending event is flushed first; an error passes through at once
 * (a pending event is dropped); unsubscribing clears the timer.
 *
 * @example
 * events$.pipe(coalesceProgress({ mustDeliver: (e, last) => e.kind === 'status' ||
 *   e.progress.step_name !== last?.progress.step_name }));
 */
export function coalesceProgress<T>(opts: CoalesceProgressOptions<T>): MonoTypeOperatorFunction<T> {
  const intervalMs = opts.intervalMs ?? 100;
  const scheduler = opts.scheduler ?? asyncScheduler;

  return (source) =>
    new Observable<T>((subscriber) => {
      let lastDelivered: { value: T } | null = null;
      let pending: { value: T } | null = null;
      let timer: Subscription | null = null;

      const deliver = (value: T): void => {
        lastDelivered = { value };
        subscriber.next(value);
      };
      const closeWindow = (): void => {
        timer?.unsubscribe();
        timer = null;
      };
      const openWindow = (): void => {
        timer = scheduler.schedule(() => {
          timer = null;
          if (!pending) return;
          const { value } = pending;
          pending = null;
          deliver(value);
          openWindow();
        }, intervalMs);
      };

      const subscription = source.subscribe({
        next: (value) => {
          if (!lastDelivered || opts.mustDeliver(value, lastDelivered.value)) {
            pending = null;
            deliver(value);
            if (!timer) openWindow();
          } else if (timer) {
            pending = { value };
          } else {
            deliver(value);
            openWindow();
          }
        },
        error: (err: unknown) => {
          closeWindow();
          pending = null;
          subscriber.error(err);
        },
        complete: () => {
          closeWindow();
          if (pending) deliver(pending.value);
          pending = null;
          subscriber.complete();
        },
      });

      return () => {
        closeWindow();
        pending = null;
        subscription.unsubscribe();
      };
    });
}
