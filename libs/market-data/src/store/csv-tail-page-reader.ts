import { promises as fs } from 'node:fs';
import { concatSeries, lowerBound, sliceByIndex, type BarSeries } from '../series/bar-series';
import { parseBarRows, skipHeader } from './csv-bar-parser';
import { CHUNK, HEAD, seek } from './csv-page-reader';
import { readAt } from './csv-range-scanner';

/** Which page, read backwards: bars with `startMs <= t < beforeMs`, the last `limit` of them. */
export interface PageBeforeRequest {
  /** Exclusive upper bound; none: up to the last bar. */
  beforeMs?: number;
  startMs?: number;
  limit: number;
}

/** One page read backwards: at most `limit` bars (ascending) and where the older page ends. */
export interface BarPageBefore {
  bars: BarSeries;
  /** The older page's `beforeMs` (this page's first bar time), or null when nothing is older. */
  previous: number | null;
}

const LF = 10;

/**
 * Reads the last `limit` bars before `beforeMs` of a sorted cache file without reading the
 * rest: a binary search finds where `beforeMs` begins, the lines from there up to it are parsed
 * forward, then whole chunks backwards until `limit` bars (plus one, for `previous`) are kept,
 * `startMs` is passed or the header is reached. Returns null when the bars read are out of
 * order (a hand-dropped unsorted file): the caller reads it whole.
 */
export async function readCsvPageBefore(
  file: string,
  request: PageBeforeRequest,
  source?: string,
): Promise<BarPageBefore | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const dataStart = skipHeader(await readAt(handle, 0, Math.min(size, HEAD)), source);
    const { beforeMs, limit } = request;
    const startMs = request.startMs ?? Number.NEGATIVE_INFINITY;
    const want = limit + 1;
    // Newest first: each part is older than the one before it.
    const parts: BarSeries[] = [];
    let kept = 0;
    let edge = size;
    if (beforeMs !== undefined) {
      edge = await seek(handle, dataStart, size, beforeMs);
      const head = await readForwardUntil(handle, edge, size, beforeMs, want, source);
      if (head === null) return null;
      if (head.t.length > 0) parts.push(head);
      kept += head.t.length;
    }
    let leftover: Buffer = Buffer.alloc(0);
    let reachedStart = parts[0] !== undefined && parts[0].t[0]! < startMs;
    while (kept < want && edge > dataStart && !reachedStart) {
      const from = Math.max(dataStart, edge - CHUNK);
      const chunk = await readAt(handle, from, edge - from);
      edge = from;
      const buf = leftover.length > 0 ? Buffer.concat([chunk, leftover]) : chunk;
      // Above the header a chunk starts mid-line: that partial line joins the next chunk.
      const cut = from > dataStart ? buf.indexOf(LF) + 1 : 0;
      if (from > dataStart && cut === 0) {
        leftover = buf;
        continue;
      }
      leftover = Buffer.from(buf.subarray(0, cut));
      const rows = parseBarRows(buf.subarray(cut), 0, {
        source,
        ...(beforeMs !== undefined ? { endMs: beforeMs - 1 } : {}),
      });
      const { series } = rows;
      const newer = parts[parts.length - 1];
      const t = series.t;
      if (!rows.sorted || (newer && t.length > 0 && t[t.length - 1]! >= newer.t[0]!)) return null;
      reachedStart = t.length > 0 && t[0]! < startMs;
      if (t.length > 0) parts.push(series);
      kept += t.length;
    }
    const all = concatSeries(parts.reverse());
    const first = lowerBound(all.t, startMs);
    return pageBefore(first > 0 ? sliceByIndex(all, first, all.t.length) : all, limit);
  } finally {
    await handle.close();
  }
}

/** The last `limit` bars of a sorted series and whether older ones exist (`previous`). */
export function pageBefore(series: BarSeries, limit: number): BarPageBefore {
  const n = series.t.length;
  if (n <= limit) return { bars: series, previous: null };
  const bars = sliceByIndex(series, n - limit, n);
  return { bars, previous: bars.t[0]! };
}

/**
 * The bars from `position` (a line start whose every earlier line is before `beforeMs`) up to
 * `beforeMs`, keeping the newest `keep`; null when out of order.
 */
async function readForwardUntil(
  handle: fs.FileHandle,
  position: number,
  size: number,
  beforeMs: number,
  keep: number,
  source: string | undefined,
): Promise<BarSeries | null> {
  let tail: BarSeries | null = null;
  let carry: Buffer = Buffer.alloc(0);
  while (position < size) {
    const chunk = await readAt(handle, position, CHUNK);
    if (chunk.length === 0) break;
    position += chunk.length;
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = position >= size ? buf.length : buf.lastIndexOf(LF) + 1;
    const rows = parseBarRows(buf.subarray(0, cut), 0, {
      endMs: beforeMs - 1,
      stopPastEnd: true,
      source,
    });
    const { t } = rows.series;
    const last = tail?.t[tail.t.length - 1];
    if (!rows.sorted || (last !== undefined && t.length > 0 && t[0]! <= last)) return null;
    tail = tail ? concatSeries([tail, rows.series]) : rows.series;
    if (tail.t.length > keep) tail = sliceByIndex(tail, tail.t.length - keep, tail.t.length);
    if (rows.pastEnd) break;
    carry = Buffer.from(buf.subarray(cut));
  }
  return tail ?? { t: [], o: [], h: [], l: [], c: [], v: [] };
}
