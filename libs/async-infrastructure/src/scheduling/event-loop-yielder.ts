import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** Default slice of synchronous work between two yields, in ms. */
export const DEFAULT_YIELD_BUDGET_MS = 8;

/**
 * Lets a long CPU-bound loop on the main thread give the event loop a turn (timers, sockets,
 * other requests) whenever it has worked for `budgetMs` since its last yield, so a big
 * computation (validating millions of bars, scanning years of sessions) does not stall the
 * server. Results are unchanged: only the loop's pacing is.
 *
 * @example
 * const yielder = new EventLoopYielder();
 * for (const chunk of chunks) {
 *   await yielder.yieldIfDue();
 *   work(chunk);
 * }
 */
export class EventLoopYielder {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = DEFAULT_YIELD_BUDGET_MS) {}

  /** Gives the event loop a turn (a `setImmediate`) when the slice is used up. */
  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
