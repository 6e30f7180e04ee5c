import type { promises as fs } from 'node:fs';
import { concatSeries, lowerBound, sliceByIndex, type BarSeries } from '../series/bar-series';
import { mergeBars } from '../series/merge';
import { formatBarsCsv } from './csv-bar-format';
import { CSV_HEADER, InvalidCsvError, parseBarRows, skipHeader } from './csv-bar-parser';
import type { CsvRange } from './csv-range-scanner';
import { readAt } from './csv-range-scanner';

/** The stored file is not sorted (a hand-dropped file): it cannot be merged as a stream. */
export class UnsortedCacheFileError extends Error {
  constructor() {
    super('the cache file is not sorted');
  }
}

/** Bytes of the stored file read (and bars parsed) at a time. */
const CHUNK = 1 << 20;
/** Bars formatted at a time (one small copy each, never of the whole series). */
const FORMAT_BARS = 4096;
const LF = 10;

/** Options of {@link mergedCsvChunks}. */
export interface MergedCsvOptions {
  /**
   * Stored bars with `startMs <= t <= endMs` are dropped (the given bars replace that window
   * of the file as a whole: a repair that removed bars). Without it, only stored bars with the
   * timestamp of a given bar are replaced.
   */
  replace?: { startMs: number; endMs: number };
  /** Named in error messages (a file path). */
  source?: string;
}

/**
 * The cache-file text of a stored file merged with `bars` (sorted, unique timestamps),
 * produced chunk by chunk: the stored file is read {@link CHUNK} bytes at a time and each
 * chunk's bars are merged with the given bars up to its last timestamp (a merge join), so
 * memory holds one chunk and the given bars, never the whole stored series. A given bar
 * replaces a stored bar with the same timestamp; every other bar of both sides is kept
 * (except stored bars in `options.replace`).
 * `handle` null: no stored file. `range` receives first, last and count of what was produced.
 * Throws `InvalidCsvError` for a malformed stored line and {@link UnsortedCacheFileError}
 * when the stored bars do not strictly ascend.
 */
export async function* mergedCsvChunks(
  handle: fs.FileHandle | null,
  bars: BarSeries,
  range: CsvRange,
  options: MergedCsvOptions = {},
): AsyncGenerator<string> {
  const { source, replace } = options;
  yield `${CSV_HEADER}\n`;
  let j = 0; // next given bar to write
  /** Bars `[from, to)` of `part`, formatted a slice of {@link FORMAT_BARS} at a time. */
  const emit = function* (part: BarSeries, from = 0, to = part.t.length): Generator<string> {
    if (to <= from) return;
    if (range.count === 0) range.first = part.t[from]!;
    range.last = part.t[to - 1]!;
    range.count += to - from;
    for (let k = from; k < to; k += FORMAT_BARS) {
      yield* formatBarsCsv(
        sliceByIndex(part, k, Math.min(to, k + FORMAT_BARS)),
        FORMAT_BARS,
        false,
      );
    }
  };
  if (handle) {
    const { size } = await handle.stat();
    let position = 0;
    let carry: Buffer = Buffer.alloc(0);
    let previous = Number.NEGATIVE_INFINITY;
    let headerSkipped = false;
    while (position < size) {
      const chunk = await readAt(handle, position, CHUNK);
      if (chunk.length === 0) break;
      position += chunk.length;
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = position >= size ? buf.length : buf.lastIndexOf(LF) + 1;
      if (cut === 0) {
        if (buf.length > CHUNK) throw new InvalidCsvError('line too long', undefined, source);
        carry = buf;
        continue;
      }
      carry = buf.subarray(cut);
      const lines = buf.subarray(0, cut);
      const from = headerSkipped ? 0 : skipHeader(lines, source);
      headerSkipped = true;
      const rows = parseBarRows(lines, from, { source });
      const stored = rows.series;
      if (stored.t.length === 0) continue;
      if (!rows.sorted || stored.t[0]! <= previous) throw new UnsortedCacheFileError();
      previous = stored.t[stored.t.length - 1]!;
      // Given bars before this chunk's first bar go out as they are (a backfill of millions of
      // bars before the stored ones is never merged, nor copied, in one piece).
      const before = lowerBound(bars.t, stored.t[0]!);
      yield* emit(bars, j, before);
      const upto = lowerBound(bars.t, previous + 1);
      const kept = replace ? withoutWindow(stored, replace) : stored;
      yield* emit(mergeBars(kept, sliceByIndex(bars, Math.max(j, before), upto)));
      j = Math.max(j, upto);
    }
  }
  yield* emit(bars, j);
}

/** The bars of a sorted series outside `[startMs, endMs]`. */
export function withoutWindow(
  series: BarSeries,
  { startMs, endMs }: { startMs: number; endMs: number },
): BarSeries {
  const from = lowerBound(series.t, startMs);
  const to = lowerBound(series.t, endMs + 1);
  if (from === to) return series;
  return concatSeries([sliceByIndex(series, 0, from), sliceByIndex(series, to, series.t.length)]);
}
