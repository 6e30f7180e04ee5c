import { runSteps, type Steps } from '@ktrdr/async-infrastructure';
import type { Bar, BarSeries } from './bar-series.types';

export type { Bar, BarSeries } from './bar-series.types';

/** A new series with no bars. */
export function emptySeries(): BarSeries {
  return { t: [], o: [], h: [], l: [], c: [], v: [] };
}

/** Number of bars. */
export function seriesLength(series: BarSeries): number {
  return series.t.length;
}

/** Bar `i` as a row, or `undefined` when out of range. */
export function barAt(series: BarSeries, i: number): Bar | undefined {
  const t = series.t[i];
  if (t === undefined) return undefined;
  return { t, o: series.o[i]!, h: series.h[i]!, l: series.l[i]!, c: series.c[i]!, v: series.v[i]! };
}

/** The first bar, or `undefined` for an empty series. */
export function firstBar(series: BarSeries): Bar | undefined {
  return barAt(series, 0);
}

/** The last bar, or `undefined` for an empty series. */
export function lastBar(series: BarSeries): Bar | undefined {
  return barAt(series, series.t.length - 1);
}

/** Appends one bar (no ordering check). */
export function pushBar(series: BarSeries, bar: Bar): void {
  series.t.push(bar.t);
  series.o.push(bar.o);
  series.h.push(bar.h);
  series.l.push(bar.l);
  series.c.push(bar.c);
  series.v.push(bar.v);
}

/** A series from rows, in the given order (use {@link sortAndDedupe} for unsorted rows). */
export function seriesFromRows(rows: Iterable<Bar>): BarSeries {
  const series = emptySeries();
  for (const row of rows) pushBar(series, row);
  return series;
}

/** The parts' bars one after the other, as new arrays (sorted when the parts follow each other). */
export function concatSeries(parts: readonly BarSeries[]): BarSeries {
  return runSteps(concatSeriesSteps(parts));
}

/** Bars copied between two pause points of {@link concatSeriesSteps}. */
const CONCAT_STEP_BARS = 16_384;

/**
 * {@link concatSeries} as steps (`runStepsYielding` gives the event loop turns while millions
 * of fetched bars are joined).
 */
export function* concatSeriesSteps(parts: readonly BarSeries[]): Steps<BarSeries> {
  // Sized up front, one column a step (filled with a double so V8 keeps them packed doubles):
  // growing four-million-slot arrays by push copies them whole, several at once, in one step.
  const total = parts.reduce((n, part) => n + part.t.length, 0);
  const out = emptySeries();
  for (const key of COLUMNS) {
    out[key] = new Array<number>(total).fill(0.5);
    yield;
  }
  let at = 0; // where the next bar goes
  let copied = 0; // since the last pause point
  for (const part of parts) {
    const n = part.t.length;
    for (let from = 0; from < n;) {
      const to = Math.min(n, from + CONCAT_STEP_BARS - copied);
      for (const key of COLUMNS) copyRange(part[key], from, to, out[key], at);
      at += to - from;
      copied += to - from;
      from = to;
      if (copied === CONCAT_STEP_BARS) {
        copied = 0;
        yield;
      }
    }
  }
  return out;
}

const COLUMNS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** `source[from..to)` into `target` from `at` (a plain function: V8 optimises it, not a generator). */
function copyRange(source: number[], from: number, to: number, target: number[], at: number): void {
  for (let i = from, k = at; i < to; i++, k++) target[k] = source[i]!;
}

/** Copies bars `[start, end)` by index into a new series. */
export function sliceByIndex(series: BarSeries, start: number, end: number): BarSeries {
  return {
    t: series.t.slice(start, end),
    o: series.o.slice(start, end),
    h: series.h.slice(start, end),
    l: series.l.slice(start, end),
    c: series.c.slice(start, end),
    v: series.v.slice(start, end),
  };
}

/** Index of the first bar with `t >= ms` in a sorted series (`length` when none). */
export function lowerBound(t: readonly number[], ms: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bars of a sorted series with `startMs <= t <= endMs` (both ends included), copied. */
export function sliceByTime(series: BarSeries, startMs: number, endMs: number): BarSeries {
  const start = lowerBound(series.t, startMs);
  const end = Number.isNaN(endMs) ? start : Math.max(start, lowerBound(series.t, endMs + 1));
  return sliceByIndex(series, start, end);
}

/** True when timestamps strictly increase (sorted and unique). */
export function isStrictlyAscending(t: readonly number[]): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i - 1]! < t[i]!)) return false;
  return true;
}

/**
 * A sorted copy with unique timestamps; of several bars with the same timestamp the LAST one
 * in the input wins. Returns the input itself when it is already sorted and unique.
 */
export function sortAndDedupe(series: BarSeries): BarSeries {
  if (isStrictlyAscending(series.t)) return series;
  const { t } = series;
  const order = Array.from(t.keys()).sort((a, b) => t[a]! - t[b]! || a - b);
  const out = emptySeries();
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const next = order[k + 1];
    if (next !== undefined && t[next] === t[i]) continue; // a later duplicate wins
    out.t.push(t[i]!);
    out.o.push(series.o[i]!);
    out.h.push(series.h[i]!);
    out.l.push(series.l[i]!);
    out.c.push(series.c[i]!);
    out.v.push(series.v[i]!);
  }
  return out;
}
