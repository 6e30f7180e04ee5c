import type { ProgressStepDefinition } from './progress.types';
import { StepPaceHistory } from './step-pace-history';

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
  /** The step's rate is measured over this recent window (default 30000 ms). */
  windowMs?: number;
  /** Where the paces of finished steps are kept and read (default {@link StepPaceHistory.shared}). */
  history?: StepPaceHistory;
}

/** How far a step's pace now may be from its remembered pace when scaling later steps. */
const MAX_PACE_SCALE = 5;

/** How many samples are kept at most (then thinned by half). */
const MAX_SAMPLES = 100;

/**
 * Estimates the seconds left, per step: the current step's rate (percentage points per second
 * over its newest half, at most `windowMs`) gives the time to the end of this step. The steps
 * still ahead take what they took in earlier runs of the same plan ({@link usePlan},
 * {@link StepPaceHistory}: a plan's ranges share out progress, not time), scaled by how much
 * faster or slower the current step runs than it did then (a bigger job, a busier machine);
 * a step never seen before is taken at the current step's rate. A change of step starts a new
 * measure, so a slow loading phase never skews the estimate of a long training phase after
 * it, and a change of pace inside a step is forgotten after `windowMs`. Null until the current
 * step has run `minElapsedMs` and moved `minPercentage` points.
 *
 * @example
 * const eta = new EtaEstimator();
 * eta.usePlan(plan.steps);
 * eta.observe(10, Date.now(), 1); // step index 1
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

  constructor(opts: EtaEstimatorOptions = {}) {
    this.minElapsedMs = opts.minElapsedMs ?? 300;
    this.minPercentage = opts.minPercentage ?? 1;
    this.windowMs = opts.windowMs ?? 30_000;
    this.history = opts.history ?? StepPaceHistory.shared;
  }

  /**
   * The plan the steps observed belong to: `observe`'s `step` is then an index into it, each
   * finished step's pace is remembered, and the steps ahead are estimated from earlier runs.
   */
  usePlan(steps: readonly ProgressStepDefinition[]): void {
    this.plan = { key: StepPaceHistory.keyOf(steps), steps };
  }

  /**
   * Records the overall percentage reached at `nowMs` in `step` (any key naming the step); a
   * new step restarts the rate's measure at this sample.
   */
  observe(percentage: number, nowMs: number, step?: string | number): void {
    const sample = { percentage, atMs: nowMs };
    if (step !== this.step || this.first === null) {
      this.rememberPace(nowMs);
      this.paceRemembered = false;
      this.step = step;
      this.first = sample;
      this.samples = [];
    }
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
    if (latest.atMs - first.atMs < this.minElapsedMs) return null;
    if (latest.percentage - first.percentage < this.minPercentage) return null;
    // The rate over the newest half of the step (at most windowMs): a warm-up or a change of
    // pace early in the step is forgotten as the step goes on.
    const span = Math.min(
      this.windowMs,
      Math.max(this.minElapsedMs, (latest.atMs - first.atMs) / 2),
    );
    const anchor = this.anchorAt(latest.atMs - span);
    const elapsedMs = latest.atMs - anchor.atMs;
    const gained = latest.percentage - anchor.percentage;
    if (elapsedMs <= 0 || gained <= 0) return null;
    const rate = gained / elapsedMs;
    return Math.max(0, Math.round(this.msLeft(latest.percentage, rate) / 100) / 10);
  }

  /** Milliseconds left from `percentage`, the current step going at `rate` points per ms. */
  private msLeft(percentage: number, rate: number): number {
    const steps = this.plan?.steps;
    const index = this.step;
    const current = typeof index === 'number' ? steps?.[index] : undefined;
    if (!this.plan || !steps || !current || typeof index !== 'number') {
      return (100 - percentage) / rate;
    }
    const { key } = this.plan;
    const remembered = this.history.msPerPoint(key, index);
    const scale =
      remembered === undefined || remembered <= 0
        ? 1
        : Math.min(MAX_PACE_SCALE, Math.max(1 / MAX_PACE_SCALE, 1 / rate / remembered));
    let ms = Math.max(0, current.end - percentage) / rate;
    for (let j = index + 1; j < steps.length; j++) {
      const points = steps[j]!.end - steps[j]!.start;
      const pace = this.history.msPerPoint(key, j);
      ms += pace === undefined ? points / rate : points * pace * scale;
    }
    return ms;
  }

  /** Remembers the pace of the step being left (or finished), once. */
  private rememberPace(nowMs: number): void {
    const { plan, first, step } = this;
    if (!plan || !first || typeof step !== 'number' || this.paceRemembered) return;
    const definition = plan.steps[step];
    if (!definition) return;
    this.history.record(plan.key, step, (nowMs - first.atMs) / (definition.end - definition.start));
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
