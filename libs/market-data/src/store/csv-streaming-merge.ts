import type { promises as fs } from 'node:fs';
import { concatSeries, lowerBound, sliceByIndex, type BarSeries } from '../series/bar-series';
import { mergeBars } from '../series/merge';
import type { SeriesParts } from '../series/series-parts';
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

/**
 * Bytes of the stored file read (and bars parsed) at a time: about 4,500 bars, a few ms of
 * parsing, so one chunk never holds the event loop long.
 */
const CHUNK = 1 << 18;
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
 * The cache-file text of a stored file merged with `bars` (sorted, unique timestamps; one
 * series or its parts, never joined), produced chunk by chunk: the stored file is read
 * {@link CHUNK} bytes at a time and each chunk's bars are merged with the given bars up to its
 * last timestamp (a merge join), so memory holds one chunk and the given bars, never the whole
 * stored series. A stored chunk no given bar falls in (nor `options.replace`) is checked and
 * copied as it is, not formatted again. A given bar replaces a stored bar with the same
 * timestamp; every other bar of both sides is kept (except stored bars in `options.replace`).
 * `handle` null: no stored file. `range` receives first, last and count of what was produced.
 * Throws `InvalidCsvError` for a malformed stored line and {@link UnsortedCacheFileError}
 * when the stored bars do not strictly ascend.
 */
export async function* mergedCsvChunks(
  handle: fs.FileHandle | null,
  bars: SeriesParts,
  range: CsvRange,
  options: MergedCsvOptions = {},
): AsyncGenerator<string | Buffer> {
  const { source, replace } = options;
  yield `${CSV_HEADER}\n`;
  let j = 0; // next given bar to write
  const count = (first: number, last: number, n: number): void => {
    if (range.count === 0) range.first = first;
    range.last = last;
    range.count += n;
  };
  /** Bars `[from, to)` of the given bars, formatted a slice of {@link FORMAT_BARS} at a time. */
  const emitGiven = function* (from: number, to: number): Generator<string> {
    for (let k = from; k < to; k += FORMAT_BARS) {
      const part = bars.slice(k, Math.min(to, k + FORMAT_BARS));
      count(part.t[0]!, part.t[part.t.length - 1]!, part.t.length);
      yield* formatBarsCsv(part, FORMAT_BARS, false);
    }
  };
  /** A merged series, formatted a slice of {@link FORMAT_BARS} at a time. */
  const emit = function* (part: BarSeries): Generator<string> {
    const n = part.t.length;
    if (n === 0) return;
    count(part.t[0]!, part.t[n - 1]!, n);
    for (let k = 0; k < n; k += FORMAT_BARS) {
      yield* formatBarsCsv(sliceByIndex(part, k, Math.min(n, k + FORMAT_BARS)), FORMAT_BARS, false);
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
      const first = stored.t[0]!;
      if (!rows.sorted || first <= previous) throw new UnsortedCacheFileError();
      previous = stored.t[stored.t.length - 1]!;
      // Given bars before this chunk's first bar go out as they are (a backfill of millions of
      // bars before the stored ones is never merged, nor copied, in one piece).
      const before = bars.lowerBound(first);
      yield* emitGiven(j, before);
      const upto = bars.lowerBound(previous + 1);
      j = Math.max(j, before);
      if (j === upto && !(replace && replace.startMs <= previous && replace.endMs >= first)) {
        // Nothing of this chunk changes: its lines as they are (a line break closes the last).
        count(first, previous, stored.t.length);
        const text = lines.subarray(from);
        yield text[text.length - 1] === LF ? text : Buffer.concat([text, NEWLINE]);
        continue;
      }
      const kept = replace ? withoutWindow(stored, replace) : stored;
      yield* emit(mergeBars(kept, bars.slice(j, upto)));
      j = upto;
    }
  }
  yield* emitGiven(j, bars.length);
}

const NEWLINE = Buffer.from('\n');

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
