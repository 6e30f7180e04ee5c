/** Latency percentiles in milliseconds (0 when nothing was recorded). */
export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * A bounded ring of the most recent latency samples; percentiles are computed over it
 * (nearest-rank), so memory stays constant and old samples age out.
 */
export class LatencyReservoir {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;

  constructor(readonly capacity = 1024) {
    if (!(capacity >= 1)) throw new Error('LatencyReservoir capacity must be ≥ 1');
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Number of samples held (≤ capacity). */
  get size(): number {
    return this.count;
  }

  percentiles(): LatencyPercentiles {
    if (this.count === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
    const sorted = this.samples.slice(0, this.count).sort();
    const rank = (p: number): number => round(sorted[Math.ceil(p * this.count) - 1] ?? 0);
    return {
      p50: rank(0.5),
      p95: rank(0.95),
      p99: rank(0.99),
      max: round(sorted[this.count - 1] ?? 0),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
