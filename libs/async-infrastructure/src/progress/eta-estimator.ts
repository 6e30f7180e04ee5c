import type { ProgressStepDefinition } from './progress.types';
import { PROFILE_SLOTS, StepPaceHistory } from './step-pace-history';

interface Sample {
  percentage: number;
  atMs: number;
}

/** Options of {@link EtaEstimator}. */
export interface EtaEstimatorOptions {
  /** Time observed in the current step before any estimate (default 300 ms). */
  minElapsedMs?: number;
  /** Progress observed in the current step before any estimate, in points (default 1). */
  minPercentage?: number;
  /** The step's rate is measured over at most this recent window (default 30000 ms). */
  windowMs?: number;
  /** Where finished steps are remembered and read (default {@link StepPaceHistory.shared}). */
  history?: StepPaceHistory;
}

/** How many earlier runs are consulted: the newest in which the current step was measured. */
const RUNS_CONSULTED = 5;

/** How many samples are kept at most (then thinned by half). */
const MAX_SAMPLES = 100;

/**
 * Estimates the seconds left, per step. The current step's rate (percentage points per second
 * since the step began, over at most `windowMs`) gives the time to its end; a change of step
 * starts a new measure, so a slow loading phase never skews the estimate of a long training
 * phase after it. With a plan ({@link usePlan}) and earlier runs of the same plan and kind
 * ({@link StepPaceHistory}), three things are learnt from them:
 * - the shape of the current step: how much of its time had gone by this far into it (a slow
 *   first epoch, a pause at each epoch's end, a training that stops before its last epoch), so
 *   the time spent so far tells the time left, rather than the rate so far;
 * - while the step is too young to have a rate: what the rest of it took then, for as much
 *   work (items: batches, bars);
 * - the steps ahead, as long as they took relative to the current step (a plan's ranges share
 *   out progress, not time: a data load's save step owns 7 points and can take as long as its
 *   fetch step's 80); a step never seen before is taken at the current step's rate.
 * Null until the current step has run `minElapsedMs` and moved `minPercentage` points, unless
 * earlier runs tell how long this much work takes.
 *
 * @example
 * const eta = new EtaEstimator();
 * eta.usePlan(plan.steps, 'training rsi_mlp');
 * eta.observe(10, Date.now(), 1, 4000); // step index 1, of 4000 items
 * eta.estimateSeconds(); // null until the step has enough samples
 */
export class EtaEstimator {
  private readonly minElapsedMs: number;
  private readonly minPercentage: number;
  private readonly windowMs: number;
  private readonly history: StepPaceHistory;
  private plan: { key: string; steps: readonly ProgressStepDefinition[] } | null = null;
  private step: string | number | undefined;
  private paceRemembered = false;
  private first: Sample | null = null;
  private latest: Sample | null = null;
  /** Samples of the current step, oldest first; the first may predate the window. */
  private samples: Sample[] = [];
  /** Milliseconds into the current step at which it passed each profile slot so far. */
  private profile: number[] = [];
  /** How many items the current step has, when it says. */
  private items: number | undefined;
  /** Names this run in the history (not the estimator itself: the history outlives it). */
  private readonly run = {};

  constructor(opts: EtaEstimatorOptions = {}) {
    this.minElapsedMs = opts.minElapsedMs ?? 300;
    this.minPercentage = opts.minPercentage ?? 1;
    this.windowMs = opts.windowMs ?? 30_000;
    this.history = opts.history ?? StepPaceHistory.shared;
  }

  /**
   * The plan the steps observed belong to: `observe`'s `step` is then an index into it, each
   * finished step's pace is remembered, and the current step and the steps ahead are estimated
   * from earlier runs of the same plan and `kind` (the sort of work, when the plan alone does
   * not tell: a strategy, a timeframe).
   */
  usePlan(steps: readonly ProgressStepDefinition[], kind?: string): void {
    this.plan = { key: StepPaceHistory.keyOf(steps, kind), steps };
  }

  /**
   * Records the overall percentage reached at `nowMs` in `step` (any key naming the step) and,
   * when known, how many items the step has (the size of its work); a new step restarts the
   * rate's measure at this sample.
   */
  observe(
    percentage: number,
    nowMs: number,
    step?: string | number,
    itemsTotal?: number | null,
  ): void {
    const sample = { percentage, atMs: nowMs };
    if (step !== this.step || this.first === null) {
      this.rememberPace(nowMs);
      this.paceRemembered = false;
      this.step = step;
      this.first = sample;
      this.latest = null;
      this.samples = [];
      this.profile = [];
      this.items = undefined;
    }
    if (itemsTotal) this.items = itemsTotal;
    this.trackProfile(sample);
    this.latest = sample;
    if (percentage >= 100) this.rememberPace(nowMs);
    this.samples.push(sample);
    // Drop samples that left the window, keeping the newest of them as the rate's anchor.
    const cutoff = nowMs - this.windowMs;
    while (this.samples.length > 1 && (this.samples[1]?.atMs ?? Infinity) <= cutoff) {
      this.samples.shift();
    }
    // Memory stays flat at any report rate: past the cap, every other sample goes.
    if (this.samples.length > MAX_SAMPLES) {
      this.samples = this.samples.filter((_, i) => i % 2 === 0 || i === this.samples.length - 1);
    }
  }

  /**
   * Seconds left, to a tenth; 0 once at 100 %; null until the current step has run
   * `minElapsedMs` and moved `minPercentage` points, or while it makes no progress.
   */
  estimateSeconds(): number | null {
    const { first, latest } = this;
    if (!first || !latest) return null;
    if (latest.percentage >= 100) return 0;
    const ms = this.msLeft(latest.percentage, this.rate(first, latest));
    return ms === undefined ? null : Math.max(0, Math.round(ms / 100) / 10);
  }

  /**
   * The current step's rate in points per ms since it began (over at most windowMs: a change of
   * pace is forgotten); undefined until it has run `minElapsedMs` and moved `minPercentage`.
   */
  private rate(first: Sample, latest: Sample): number | undefined {
    if (latest.atMs - first.atMs < this.minElapsedMs) return undefined;
    if (latest.percentage - first.percentage < this.minPercentage) return undefined;
    const anchor = this.anchorAt(latest.atMs - this.windowMs);
    const elapsedMs = latest.atMs - anchor.atMs;
    const gained = latest.percentage - anchor.percentage;
    return elapsedMs > 0 && gained > 0 ? gained / elapsedMs : undefined;
  }

  /**
   * Milliseconds left from `percentage`, the current step going at `rate` points per ms (or
   * too young to tell); undefined when neither the rate nor the earlier runs tell.
   */
  private msLeft(percentage: number, rate: number | undefined): number | undefined {
    const steps = this.plan?.steps;
    const index = this.step;
    const current = typeof index === 'number' ? steps?.[index] : undefined;
    if (!this.plan || !steps || !current || typeof index !== 'number' || !this.first) {
      return rate === undefined ? undefined : (100 - percentage) / rate;
    }
    // Earlier runs of the plan in which this step lasted long enough to be measured, newest last.
    const runs = this.history
      .runs(this.plan.key, this.run)
      .filter((run) => run[index]?.profile !== undefined)
      .slice(-RUNS_CONSULTED);
    const elapsed = this.latest!.atMs - this.first.atMs;
    const fraction = this.fractionOf(percentage, index);
    // This run's own estimate: from the time spent so far and the share of the step's time
    // that had gone by this far into it in the earlier runs; else at the rate so far.
    const spent = median(runs.map((run) => shareAt(run[index]!.profile!, fraction)));
    const own =
      rate !== undefined && spent !== undefined && spent > 0 && spent < 1
        ? (elapsed * (1 - spent)) / spent
        : rate === undefined
          ? undefined
          : Math.max(0, current.end - percentage) / rate;
    // What the rest of the step took then, for as many items as this run has: only while the
    // step is too young for its own estimate (the machine's pace may have changed since).
    const { items } = this;
    const stepMs =
      own ??
      median(
        runs.flatMap((run) => {
          const { ms, profile, items: itemsThen } = run[index]!;
          if (!items || !itemsThen || !profile) return [];
          return [ms * (items / itemsThen) * (1 - shareAt(profile, fraction))];
        }),
      );
    if (stepMs === undefined) return undefined;
    // The steps ahead take what they took then, relative to this step.
    const stepTotal = elapsed + stepMs;
    let ms = stepMs;
    for (let j = index + 1; j < steps.length; j++) {
      const ratio = median(runs.flatMap((run) => (run[j] ? [run[j]!.ms / run[index]!.ms] : [])));
      if (ratio !== undefined) ms += ratio * stepTotal;
      else if (rate !== undefined) ms += (steps[j]!.end - steps[j]!.start) / rate;
      else return undefined;
    }
    return ms;
  }

  /** How far through step `index` the overall `percentage` is (0–1). */
  private fractionOf(percentage: number, index: number): number {
    const step = this.plan?.steps[index];
    if (!step || step.end <= step.start) return 1;
    return Math.min(1, Math.max(0, (percentage - step.start) / (step.end - step.start)));
  }

  /** Notes when the current step passed each profile slot up to `sample`. */
  private trackProfile(sample: Sample): void {
    const { first, profile } = this;
    const index = this.step;
    if (!first || typeof index !== 'number') return;
    const previous = this.latest ?? first;
    const from = this.fractionOf(previous.percentage, index);
    const to = this.fractionOf(sample.percentage, index);
    while (profile.length <= PROFILE_SLOTS && profile.length / PROFILE_SLOTS <= to) {
      const slot = profile.length / PROFILE_SLOTS;
      const part = to > from ? Math.max(0, (slot - from) / (to - from)) : 1;
      profile.push(previous.atMs - first.atMs + part * (sample.atMs - previous.atMs));
    }
  }

  /** Remembers how the step being left (or finished) went, once. */
  private rememberPace(nowMs: number): void {
    const { plan, first, step } = this;
    if (!plan || !first || typeof step !== 'number' || this.paceRemembered) return;
    if (!plan.steps[step]) return;
    const ms = nowMs - first.atMs;
    // A step left before its end (training stopped early) jumped to its end when it was left.
    while (this.profile.length <= PROFILE_SLOTS) this.profile.push(ms);
    const profile = ms >= this.minElapsedMs ? this.profile.map((t) => t / ms) : undefined;
    const { items } = this;
    this.history.record(plan.key, this.run, step, {
      ms,
      ...(profile ? { profile } : {}),
      ...(items ? { items } : {}),
    });
    this.paceRemembered = true;
  }

  /** The newest kept sample at or before `atMs` (else the oldest kept). */
  private anchorAt(atMs: number): Sample {
    let anchor = this.samples[0]!;
    for (const sample of this.samples) {
      if (sample.atMs > atMs) break;
      anchor = sample;
    }
    return anchor;
  }
}

/** The share of a step's time spent at `fraction` of it, from a remembered profile. */
function shareAt(profile: readonly number[], fraction: number): number {
  const at = fraction * (profile.length - 1);
  const below = Math.floor(at);
  const low = profile[below] ?? 1;
  const high = profile[below + 1] ?? low;
  return low + (high - low) * (at - below);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
