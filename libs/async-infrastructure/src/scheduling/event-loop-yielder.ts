import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** Default slice of synchronous work between two yields, in ms. */
export const DEFAULT_YIELD_BUDGET_MS = 8;

/** How many {@link EventLoopYielder.tick} calls pass between two clock reads. */
const TICKS_PER_CLOCK_READ = 256;

/**
 * Lets a long CPU-bound loop on the main thread give the event loop a turn (timers, sockets,
 * other requests) whenever it has worked for `budgetMs` since its last yield, so a big
 * computation (validating millions of bars, scanning years of sessions) does not stall the
 * server. Results are unchanged: only the loop's pacing is.
 *
 * @example
 * const yielder = new EventLoopYielder();
 * for (const item of items) {
 *   await yielder.tick();
 *   work(item);
 * }
 */
export class EventLoopYielder {
  private sliceStart = performance.now();
  private ticks = 0;

  constructor(private readonly budgetMs = DEFAULT_YIELD_BUDGET_MS) {}

  /**
   * Call once per item (cheap: the clock is read every few hundred calls). Resolves at once
   * while the slice lasts, after a `setImmediate` turn once it is used up.
   */
  tick(): Promise<void> | undefined {
    if (++this.ticks < TICKS_PER_CLOCK_READ) return undefined;
    this.ticks = 0;
    return this.yieldIfDue();
  }

  /** Yields when the slice is used up, whatever the tick count (after one large step). */
  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
