import type { ProgressStepDefinition } from './progress.types';

/** Plans remembered at most (oldest forgotten first). */
const MAX_PLANS = 64;
/** Weight of the newest run in a step's remembered pace. */
const NEWEST_WEIGHT = 0.5;

/**
 * How long each step of a plan took in earlier runs, in milliseconds per percentage point: a
 * plan's ranges say how progress is shared between its steps, not how time is (a data load's
 * save step owns 7 points and can take as long as its fetch step's 80). The
 * {@link EtaEstimator} uses it for the steps still ahead. Plans are told apart by their step
 * names and ranges. Process-wide by default ({@link StepPaceHistory.shared}); bounded.
 */
export class StepPaceHistory {
  /** The history every {@link EtaEstimator} uses unless given another. */
  static readonly shared = new StepPaceHistory();

  private readonly byPlan = new Map<string, (number | undefined)[]>();

  /** The key of a plan: its step names and ranges. */
  static keyOf(steps: readonly ProgressStepDefinition[]): string {
    return steps.map((s) => `${s.name}:${s.start}-${s.end}`).join('|');
  }

  /** Remembers that step `index` of plan `key` took `msPerPoint` (a moving average). */
  record(key: string, index: number, msPerPoint: number): void {
    if (!Number.isFinite(msPerPoint) || msPerPoint < 0) return;
    let paces = this.byPlan.get(key);
    if (paces) this.byPlan.delete(key); // re-inserted below: the newest plan is kept longest
    paces ??= [];
    const previous = paces[index];
    paces[index] =
      previous === undefined
        ? msPerPoint
        : NEWEST_WEIGHT * msPerPoint + (1 - NEWEST_WEIGHT) * previous;
    this.byPlan.set(key, paces);
    if (this.byPlan.size > MAX_PLANS) this.byPlan.delete(this.byPlan.keys().next().value!);
  }

  /** The remembered pace of step `index` of plan `key`, in ms per point. */
  msPerPoint(key: string, index: number): number | undefined {
    return this.byPlan.get(key)?.[index];
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.byPlan.clear();
  }
}
