interface Sample {
  percentage: number;
  atMs: number;
}

/** Options of {@link EtaEstimator}. */
export interface EtaEstimatorOptions {
  /** Time observed before any estimate (default 1000 ms). */
  minElapsedMs?: number;
  /** Progress observed before any estimate, in percentage points (default 1). */
  minPercentage?: number;
  /** The throughput is measured over this recent window (default 30000 ms). */
  windowMs?: number;
}

/** How many samples a window keeps at most: memory stays flat at any report rate. */
const SAMPLES_PER_WINDOW = 50;

/**
 * Estimates the seconds left from observed throughput (percentage points per second over a
 * sliding window), so a slow start or a change of pace is forgotten after `windowMs`.
 *
 * @example
 * const eta = new EtaEstimator();
 * eta.observe(10, Date.now());
 * eta.estimateSeconds(); // null until enough time and progress were seen
 */
export class EtaEstimator {
  private readonly minElapsedMs: number;
  private readonly minPercentage: number;
  private readonly windowMs: number;
  private first: Sample | null = null;
  private latest: Sample | null = null;
  /** Decimated samples, oldest first; the first one may predate the window (the anchor). */
  private samples: Sample[] = [];

  constructor(opts: EtaEstimatorOptions = {}) {
    this.minElapsedMs = opts.minElapsedMs ?? 1000;
    this.minPercentage = opts.minPercentage ?? 1;
    this.windowMs = opts.windowMs ?? 30_000;
  }

  /** Records the overall percentage reached at `nowMs`. */
  observe(percentage: number, nowMs: number): void {
    const sample = { percentage, atMs: nowMs };
    this.first ??= sample;
    this.latest = sample;
    const lastKept = this.samples[this.samples.length - 1];
    if (!lastKept || nowMs - lastKept.atMs >= this.windowMs / SAMPLES_PER_WINDOW) {
      this.samples.push(sample);
    }
    // Drop samples that left the window, keeping the newest of them as the rate's anchor.
    const cutoff = nowMs - this.windowMs;
    while (this.samples.length > 1 && (this.samples[1]?.atMs ?? Infinity) <= cutoff) {
      this.samples.shift();
    }
  }

  /**
   * Seconds left, rounded; 0 once at 100 %; null until `minElapsedMs` and `minPercentage`
   * were observed, or while no progress is being made.
   */
  estimateSeconds(): number | null {
    const { first, latest } = this;
    const anchor = this.samples[0];
    if (!first || !latest || !anchor) return null;
    if (latest.percentage >= 100) return 0;
    if (latest.atMs - first.atMs < this.minElapsedMs) return null;
    if (latest.percentage - first.percentage < this.minPercentage) return null;
    const elapsedMs = latest.atMs - anchor.atMs;
    const gained = latest.percentage - anchor.percentage;
    if (elapsedMs <= 0 || gained <= 0) return null;
    const rate = gained / elapsedMs;
    return Math.max(0, Math.round((100 - latest.percentage) / rate / 1000));
  }
}
