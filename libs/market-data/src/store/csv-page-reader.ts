import { promises as fs } from 'node:fs';
import { concatSeries, sliceByIndex, type BarSeries } from '../series/bar-series';
import { InvalidCsvError, parseBarRows, skipHeader } from './csv-bar-parser';
import { readAt } from './csv-range-scanner';
import { parseTimestampAt } from './csv-timestamp';

/** One page of a series: at most `limit` bars, and where the next page starts. */
export interface BarPage {
  bars: BarSeries;
  /** Time of the first bar after this page (the next page's `startMs`), or null at the end. */
  next: number | null;
}

/** Which page: bars with `startMs <= t <= endMs`, the first `limit` of them. */
export interface PageRequest {
  startMs?: number;
  endMs?: number;
  limit: number;
}

/** Bytes read (and parsed) at a time: about 4,500 bars, a few ms of the event loop. */
export const CHUNK = 1 << 18;
export const HEAD = 64 * 1024;
/** The seek stops when the window left is this small; the parser skips the rest. */
const SEEK_WINDOW = 64 * 1024;
const PROBE = 256;
const LF = 10;
const CR = 13;

/**
 * Reads one page of a sorted cache file without reading the rest: a binary search over byte
 * offsets finds the line where `startMs` begins, then lines are parsed in chunks until `limit`
 * bars (plus one, for `next`) are kept or a bar after `endMs` is met. Returns null when the
 * bars read are out of order (a hand-dropped unsorted file): the caller reads it whole.
 * Throws `InvalidCsvError` for a malformed line it reads (without a line number after a seek).
 */
export async function readCsvPage(
  file: string,
  request: PageRequest,
  source?: string,
): Promise<BarPage | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const dataStart = skipHeader(await readAt(handle, 0, Math.min(size, HEAD)), source);
    const { startMs, endMs, limit } = request;
    const seeked = startMs !== undefined && startMs > Number.NEGATIVE_INFINITY;
    let position = seeked ? await seek(handle, dataStart, size, startMs) : dataStart;
    const parts: BarSeries[] = [];
    let kept = 0;
    let last = Number.NEGATIVE_INFINITY;
    let carry: Buffer = Buffer.alloc(0);
    while (position < size && kept <= limit) {
      const chunk = await readAt(handle, position, CHUNK);
      if (chunk.length === 0) break;
      position += chunk.length;
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = position >= size ? buf.length : buf.lastIndexOf(LF) + 1;
      if (cut === 0 && buf.length > CHUNK)
        throw new InvalidCsvError('line too long', undefined, source);
      const rows = parseBarRows(buf.subarray(0, cut), 0, {
        startMs,
        endMs,
        maxBars: limit + 1 - kept,
        stopPastEnd: true,
        source,
        ...(seeked || parts.length > 0 ? {} : { firstLine: 2 }),
      });
      const { t } = rows.series;
      if (!rows.sorted || (t.length > 0 && t[0]! <= last)) return null;
      if (t.length > 0) {
        parts.push(rows.series);
        kept += t.length;
        last = t[t.length - 1]!;
      }
      if (rows.pastEnd) break;
      carry = Buffer.from(buf.subarray(cut));
    }
    return pageOf(concatSeries(parts), limit);
  } finally {
    await handle.close();
  }
}

/** The first `limit` bars of a sorted series and the time of the one after them. */
export function pageOf(series: BarSeries, limit: number): BarPage {
  if (series.t.length <= limit) return { bars: series, next: null };
  return { bars: sliceByIndex(series, 0, limit), next: series.t[limit]! };
}

/**
 * A line start at or before the first bar with `t >= startMs`, within {@link SEEK_WINDOW}
 * bytes of it: every line before it opens before `startMs` (the file is sorted). A probe that
 * finds no readable timestamp counts as "not before", so the window only grows toward the
 * start and nothing at or after `startMs` is skipped.
 */
export async function seek(
  handle: fs.FileHandle,
  dataStart: number,
  size: number,
  startMs: number,
): Promise<number> {
  let lo = dataStart;
  let hi = size;
  while (hi - lo > SEEK_WINDOW) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const probe = await readAt(handle, mid, PROBE);
    let p = probe.indexOf(LF) + 1;
    while (p > 0 && p < probe.length && (probe[p] === LF || probe[p] === CR)) p++;
    const t = p > 0 && p + 20 <= probe.length ? parseTimestampAt(probe, p) : Number.NaN;
    if (t < startMs) lo = mid + p;
    else hi = mid;
  }
  return lo;
}
