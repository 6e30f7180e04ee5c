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
}

/** How many samples are kept at most (then thinned by half). */
const MAX_SAMPLES = 100;

/**
 * Estimates the seconds left, per step: the current step's rate (percentage points per second
 * over its newest half, at most `windowMs`) times the points left — the rest of this
 * step and the later steps' shares, at the pace of the work being done now. A change of step
 * starts a new measure, so a slow loading phase never skews the estimate of a long training
 * phase after it, and a change of pace inside a step is forgotten after `windowMs`. Null until
 * the current step has run `minElapsedMs` and moved `minPercentage` points.
 *
 * @example
 * const eta = new EtaEstimator();
 * eta.observe(10, Date.now(), 'training');
 * eta.estimateSeconds(); // null until the step has enough samples
 */
export class EtaEstimator {
  private readonly minElapsedMs: number;
  private readonly minPercentage: number;
  private readonly windowMs: number;
  private step: string | number | undefined;
  private first: Sample | null = null;
  private latest: Sample | null = null;
  /** Samples of the current step, oldest first; the first may predate the window. */
  private samples: Sample[] = [];

  constructor(opts: EtaEstimatorOptions = {}) {
    this.minElapsedMs = opts.minElapsedMs ?? 300;
    this.minPercentage = opts.minPercentage ?? 1;
    this.windowMs = opts.windowMs ?? 30_000;
  }

  /**
   * Records the overall percentage reached at `nowMs` in `step` (any key naming the step); a
   * new step restarts the rate's measure at this sample.
   */
  observe(percentage: number, nowMs: number, step?: string | number): void {
    const sample = { percentage, atMs: nowMs };
    if (step !== this.step || this.first === null) {
      this.step = step;
      this.first = sample;
      this.samples = [];
    }
    this.latest = sample;
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
    return Math.max(0, Math.round((100 - latest.percentage) / rate / 100) / 10);
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
