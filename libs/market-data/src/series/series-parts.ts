import { concatSeries, emptySeries, lowerBound, sliceByIndex, sortAndDedupe } from './bar-series';
import type { BarSeries } from './bar-series.types';

/**
 * One sorted series held as the parts it arrived in (the fetched segments of a load), never
 * joined into one copy: each part strictly ascends and follows the previous one. Lookups and
 * slices work across the parts, so a merge can stream millions of bars into a file with one
 * small slice in memory at a time, and nothing the size of the whole series is copied.
 *
 * @example
 * const fetched = SeriesParts.of(segments.map((s) => s.bars));
 * const firstPage = fetched.slice(0, 4096);
 */
export class SeriesParts {
  /** Index of each part's first bar in the whole series, then the total. */
  private readonly starts: number[];

  private constructor(readonly parts: readonly BarSeries[]) {
    this.starts = [0];
    for (const part of parts)
      this.starts.push(this.starts[this.starts.length - 1]! + part.t.length);
  }

  /**
   * The parts in time order (each sorted and deduplicated, empty ones left out). Parts whose
   * bars overlap are joined and sorted into one (of equal timestamps the bar of the later part
   * in `parts` wins, as `sortAndDedupe` of their concatenation).
   */
  static of(parts: readonly BarSeries[]): SeriesParts {
    const sorted = parts
      .filter((part) => part.t.length > 0)
      .map(sortAndDedupe)
      .sort((a, b) => a.t[0]! - b.t[0]!);
    for (let k = 1; k < sorted.length; k++) {
      const previous = sorted[k - 1]!.t;
      if (sorted[k]!.t[0]! <= previous[previous.length - 1]!) {
        return new SeriesParts([sortAndDedupe(concatSeries(parts))]);
      }
    }
    return new SeriesParts(sorted);
  }

  /** Number of bars. */
  get length(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /** The first bar's open time (undefined when empty). */
  get first(): number | undefined {
    return this.parts[0]?.t[0];
  }

  /** The last bar's open time (undefined when empty). */
  get last(): number | undefined {
    const t = this.parts[this.parts.length - 1]?.t;
    return t?.[t.length - 1];
  }

  /** Index of the first bar with `t >= ms` (`length` when none). */
  lowerBound(ms: number): number {
    // The first part whose last bar is at or after `ms` (parts follow each other).
    let lo = 0;
    let hi = this.parts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.parts[mid]!.t;
      if (t[t.length - 1]! < ms) lo = mid + 1;
      else hi = mid;
    }
    const part = this.parts[lo];
    return part ? this.starts[lo]! + lowerBound(part.t, ms) : this.length;
  }

  /** Bars `[from, to)` by index, copied (only those: never the whole series). */
  slice(from: number, to: number): BarSeries {
    const pieces: BarSeries[] = [];
    // The part holding bar `from`: the last one starting at or before it.
    let k = Math.max(0, upperBound(this.starts, from) - 1);
    for (; k < this.parts.length && this.starts[k]! < to; k++) {
      const start = this.starts[k]!;
      const end = this.starts[k + 1]!;
      if (end <= from) continue;
      pieces.push(
        sliceByIndex(this.parts[k]!, Math.max(from, start) - start, Math.min(to, end) - start),
      );
    }
    if (pieces.length === 0) return emptySeries();
    return pieces.length === 1 ? pieces[0]! : concatSeries(pieces);
  }
}

/** Index of the first element `> value` in an ascending array (`length` when none). */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
