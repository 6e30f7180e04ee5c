import { raceAbort, throwIfAborted } from '../providers/provider-abort';
import { SeriesLock } from './series-lock';

/**
 * The lock of one process: a task starts once every earlier task with the same key has
 * settled (whether it succeeded or failed). A waiter whose signal aborts leaves the queue; the
 * ones behind it still wait for the holder before it.
 */
export class InProcessSeriesLock extends SeriesLock {
  /** Per key, settles when the last task queued for it has released the lock. Never rejects. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => released);
    this.tails.set(key, tail);
    // Forgotten once settled, not when this task ends: a waiter that gave up ends before the
    // holder it waited for, which must still hold the key for whoever comes next.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    try {
      await raceAbort(previous, signal);
      return await task();
    } finally {
      release();
    }
  }

  /** How many keys have a holder or waiters (for tests: nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
