import type { Steps } from '@ktrdr/async-infrastructure';
import { emptySeries, sortAndDedupe, type BarSeries } from './bar-series';

// A local binding: global lookups are slow inside vm contexts (jest on Node 20).
const { isFinite } = Number;

/** True when every value of the bar is a finite number. */
export function allFinite(
  t: number,
  o: number,
  h: number,
  l: number,
  c: number,
  v: number,
): boolean {
  return isFinite(t) && isFinite(o) && isFinite(h) && isFinite(l) && isFinite(c) && isFinite(v);
}

const KEYS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** The step generators of this lib may pause every this many + 1 bars. */
export const PAUSE_MASK = 0xfff;

/**
 * A repaired copy of `series` (see `validateBars`): bars with non-finite values or
 * non-positive prices dropped, negative volumes set to 0, high/low clamped to the open/close,
 * sorted, duplicates removed (the last copy wins); and the list of changes made. Steps
 * (pauses every few thousand bars).
 */
export function* repairBars(series: BarSeries): Steps<{ series: BarSeries; changes: string[] }> {
  const { t, o, h, l, c, v } = series;
  // Sized once and trimmed at the end: growing six arrays of millions by push copies them
  // over and over and keeps the collector busy (long pauses).
  const kept = emptySeries();
  for (const key of KEYS) {
    kept[key] = new Array<number>(t.length).fill(0);
    yield;
  }
  let k = 0;
  const tally = { nonFinite: 0, nonPositive: 0, volume: 0, high: 0, low: 0 };
  for (let i = 0; i < t.length; i++) {
    if ((i & PAUSE_MASK) === 0) yield;
    const ti = t[i]!;
    const oi = o[i]!;
    const ci = c[i]!;
    let hi = h[i]!;
    let li = l[i]!;
    let vi = v[i]!;
    if (!allFinite(ti, oi, hi, li, ci, vi)) {
      tally.nonFinite++;
      continue;
    }
    if (oi <= 0 || hi <= 0 || li <= 0 || ci <= 0) {
      tally.nonPositive++;
      continue;
    }
    if (vi < 0) {
      vi = 0;
      tally.volume++;
    }
    if (hi < oi || hi < ci) {
      hi = oi > ci ? oi : ci;
      tally.high++;
    }
    if (li > oi || li > ci) {
      li = oi < ci ? oi : ci;
      tally.low++;
    }
    kept.t[k] = ti;
    kept.o[k] = oi;
    kept.h[k] = hi;
    kept.l[k] = li;
    kept.c[k] = ci;
    kept.v[k] = vi;
    k++;
  }
  for (const key of KEYS) kept[key].length = k;
  const sorted = sortAndDedupe(kept);
  const changes = [
    plural(
      tally.nonFinite,
      'bar with non-finite values dropped',
      'bars with non-finite values dropped',
    ),
    plural(
      tally.nonPositive,
      'bar with a non-positive price dropped',
      'bars with non-positive prices dropped',
    ),
    plural(tally.volume, 'negative volume set to 0', 'negative volumes set to 0'),
    plural(tally.high, 'high raised to max(open, close)', 'highs raised to max(open, close)'),
    plural(tally.low, 'low lowered to min(open, close)', 'lows lowered to min(open, close)'),
    sorted !== kept && !isSorted(kept.t) ? 'bars sorted by timestamp' : '',
    plural(
      kept.t.length - sorted.t.length,
      'duplicate timestamp removed (last kept)',
      'duplicate timestamps removed (last kept)',
    ),
  ].filter((change) => change !== '');
  return { series: sorted, changes };
}

function plural(n: number, one: string, many: string): string {
  if (n === 0) return '';
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function isSorted(t: readonly number[]): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}
