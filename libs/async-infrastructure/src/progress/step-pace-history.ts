import type { ProgressStepDefinition } from './progress.types';

/** Plans remembered at most (oldest forgotten first). */
const MAX_PLANS = 64;
/** Runs remembered per plan (oldest forgotten first). */
const MAX_RUNS = 20;
/** A step's time profile holds the elapsed time at every 1/PROFILE_SLOTS of its progress. */
export const PROFILE_SLOTS = 20;

/** How one finished step of one run went. */
export interface StepPace {
  /** How long the step took, in milliseconds. */
  ms: number;
  /**
   * The share of `ms` spent when the step was 0, 1/PROFILE_SLOTS, …, 1 through (PROFILE_SLOTS
   * + 1 numbers from 0 to 1); absent for a step too short to measure.
   */
  profile?: readonly number[];
  /** How many items the step had (batches, bars), when it said: the size of the work. */
  items?: number;
}

/** The steps of one remembered run, by index in its plan. */
export type RunPaces = readonly (StepPace | undefined)[];

/**
 * How each step of a plan went in its latest runs (at most 20): its duration and its time
 * profile (a first epoch slower than the next, a pause at each epoch's end). A plan's ranges say
 * how progress is shared between its steps, not how time is (a data load's save step owns 7
 * points and can take as long as its fetch step's 80). The {@link EtaEstimator} reads it for the
 * current step's shape and for the steps still ahead. Plans are told apart by their step names
 * and ranges and by the kind of work. Process-wide by default ({@link StepPaceHistory.shared}); bounded.
 */
export class StepPaceHistory {
  /** The history every {@link EtaEstimator} uses unless given another. */
  static readonly shared = new StepPaceHistory();

  private readonly byPlan = new Map<string, { run: object; steps: (StepPace | undefined)[] }[]>();

  /** The key of a plan: its step names and ranges, and the kind of work when given. */
  static keyOf(steps: readonly ProgressStepDefinition[], kind?: string): string {
    const key = steps.map((s) => `${s.name}:${s.start}-${s.end}`).join('|');
    return kind === undefined ? key : `${kind}#${key}`;
  }

  /** Remembers how step `index` of `run` (any object naming one run) of plan `key` went. */
  record(key: string, run: object, index: number, pace: StepPace): void {
    if (!Number.isFinite(pace.ms) || pace.ms < 0) return;
    let runs = this.byPlan.get(key);
    if (runs) this.byPlan.delete(key); // re-inserted below: the newest plan is kept longest
    runs ??= [];
    let entry = runs.find((r) => r.run === run);
    if (!entry) {
      entry = { run, steps: [] };
      runs.push(entry);
      if (runs.length > MAX_RUNS) runs.shift();
    }
    entry.steps[index] = pace;
    this.byPlan.set(key, runs);
    if (this.byPlan.size > MAX_PLANS) this.byPlan.delete(this.byPlan.keys().next().value!);
  }

  /** The remembered runs of plan `key`, oldest first, without `except` (the run asking). */
  runs(key: string, except?: object): RunPaces[] {
    return (this.byPlan.get(key) ?? []).filter((r) => r.run !== except).map((r) => r.steps);
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.byPlan.clear();
  }
}
