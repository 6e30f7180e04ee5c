import { performance } from 'node:perf_hooks';

/** Default slice of synchronous work between two yields, in ms. */
export const DEFAULT_YIELD_BUDGET_MS = 8;

/**
 * The process's yielders share the loop, turn by turn. Fifty loads each yielding after its own
 * 8 ms would all run in one turn (every `setImmediate` queued before the check phase runs in
 * it): 400 ms before the loop polls a socket again. So a yielder also gives way once the
 * yielders' work in the current turn reached its budget, and those that gave way resume one per
 * turn, first come first served.
 */
let turnStart: number | null = null;
const waiting: (() => void)[] = [];
let dispatchQueued = false;

/** When yielders' work began in this turn of the loop (now, for the first one). */
function startOfTurn(now: number): number {
  if (turnStart === null) {
    turnStart = now;
    // Runs in the next check phase, after the loop has polled sockets and timers.
    setImmediate(() => {
      turnStart = null;
    });
  }
  return turnStart;
}

/** Resumes the longest-waiting yielder, one a turn. */
function dispatch(): void {
  dispatchQueued = false;
  waiting.shift()?.();
  if (waiting.length > 0) queueDispatch();
}

function queueDispatch(): void {
  if (dispatchQueued) return;
  dispatchQueued = true;
  setImmediate(dispatch);
}

/**
 * Lets a long CPU-bound loop on the main thread give the event loop a turn (timers, sockets,
 * other requests) whenever it has worked for `budgetMs` since its last yield, or the yielders
 * of the whole process have worked that long in the current turn, so a big computation
 * (validating millions of bars, scanning years of sessions), or many at once, does not stall
 * the server. Yielders that gave way resume one per turn, in order. Results are unchanged:
 * only the loop's pacing is.
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

  /** Gives the event loop a turn when the slice or the turn's budget is used up. */
  async yieldIfDue(): Promise<void> {
    const now = performance.now();
    if (now - this.sliceStart < this.budgetMs && now - startOfTurn(now) < this.budgetMs) return;
    await new Promise<void>((resume) => {
      waiting.push(resume);
      queueDispatch();
    });
    this.sliceStart = performance.now();
    // The resumed yielder owns this turn's budget.
    turnStart = null;
    startOfTurn(this.sliceStart);
  }
}
