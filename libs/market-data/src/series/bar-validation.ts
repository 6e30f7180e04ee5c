import type { TradingCalendar } from '../calendar/trading-calendar';
import { findMissingSessions } from '../gaps/gap-finder';
import type { Timeframe } from '../timeframes';
import { emptySeries, sortAndDedupe, type BarSeries } from './bar-series';

/** What can be wrong with bars. */
export type BarIssueKind =
  | 'non_finite_value'
  | 'non_positive_price'
  | 'negative_volume'
  | 'high_below_open_close'
  | 'low_above_open_close'
  | 'unsorted_timestamps'
  | 'duplicate_timestamps'
  | 'session_gap';

export type IssueSeverity = 'error' | 'warning';

/** Bars (or, for `session_gap`, missing sessions) affected by one kind of problem. */
export interface BarIssue {
  kind: BarIssueKind;
  severity: IssueSeverity;
  count: number;
}

/** Options of {@link validateBars}. */
export interface ValidateBarsOptions {
  /** With a calendar, sessions in the range that have no bar are reported as `session_gap`. */
  calendar?: TradingCalendar;
  /** Range checked for gaps; defaults to the series' first and last bar. */
  fromMs?: number;
  toMs?: number;
  /** Timeframe of the bars (weekly bars cover a whole week for the gap check). */
  timeframe?: Timeframe;
  /** Also return a repaired copy and the list of changes made. */
  repair?: boolean;
}

/** Issue counts, and the repaired series when asked for. */
export interface BarValidationResult {
  /** Only kinds that occurred, in a fixed order. */
  issues: BarIssue[];
  total_errors: number;
  total_warnings: number;
  repaired?: BarSeries;
  changes?: string[];
}

// A local binding: global lookups are slow inside vm contexts (jest on Node 20).
const { isFinite } = Number;

/** True when every value of the bar is a finite number. */
function allFinite(t: number, o: number, h: number, l: number, c: number, v: number): boolean {
  return isFinite(t) && isFinite(o) && isFinite(h) && isFinite(l) && isFinite(c) && isFinite(v);
}

const SEVERITY: Readonly<Record<BarIssueKind, IssueSeverity>> = {
  non_finite_value: 'error',
  non_positive_price: 'error',
  negative_volume: 'error',
  high_below_open_close: 'error',
  low_above_open_close: 'error',
  unsorted_timestamps: 'error',
  duplicate_timestamps: 'error',
  session_gap: 'warning',
};

/**
 * Checks OHLCV bars. Per bar: finite numbers, prices > 0, volume ≥ 0,
 * `high ≥ max(open, close)`, `low ≤ min(open, close)` (a bar with non-finite values is only
 * counted as such). Per series: sorted, unique timestamps (`unsorted_timestamps` counts
 * descents, `duplicate_timestamps` surplus copies) and, with a calendar, no missing sessions.
 *
 * Repair drops bars with non-finite values or non-positive prices, sets negative volumes to 0,
 * clamps high up to `max(open, close)` and low down to `min(open, close)`, sorts and removes
 * duplicates (the last copy wins), and lists each change. Missing sessions cannot be repaired.
 */
export function validateBars(
  series: BarSeries,
  options: ValidateBarsOptions = {},
): BarValidationResult {
  const counts = new Map<BarIssueKind, number>();
  const add = (kind: BarIssueKind, n = 1) => {
    if (n > 0) counts.set(kind, (counts.get(kind) ?? 0) + n);
  };
  const { t, o, h, l, c, v } = series;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    const oi = o[i]!;
    const hi = h[i]!;
    const li = l[i]!;
    const ci = c[i]!;
    const vi = v[i]!;
    if (!allFinite(ti, oi, hi, li, ci, vi)) {
      add('non_finite_value');
      continue;
    }
    if (oi <= 0 || hi <= 0 || li <= 0 || ci <= 0) add('non_positive_price');
    if (vi < 0) add('negative_volume');
    if (hi < oi || hi < ci) add('high_below_open_close');
    if (li > oi || li > ci) add('low_above_open_close');
    if (i > 0 && ti < t[i - 1]!) add('unsorted_timestamps');
  }
  add('duplicate_timestamps', t.length - new Set(t).size);

  const repaired = options.repair ? repairBars(series) : undefined;
  if (options.calendar) {
    const sorted = repaired?.series ?? sortAndDedupe(series);
    const fromMs = options.fromMs ?? sorted.t[0];
    const toMs = options.toMs ?? sorted.t[sorted.t.length - 1];
    if (fromMs !== undefined && toMs !== undefined) {
      const finite = sorted.t.filter((x) => isFinite(x));
      const gaps = findMissingSessions(options.calendar, finite, fromMs, toMs, {
        timeframe: options.timeframe,
      });
      add(
        'session_gap',
        gaps.reduce((sum, gap) => sum + gap.sessions, 0),
      );
    }
  }

  const issues = (Object.keys(SEVERITY) as BarIssueKind[])
    .filter((kind) => counts.has(kind))
    .map((kind) => ({ kind, severity: SEVERITY[kind], count: counts.get(kind)! }));
  const total = (severity: IssueSeverity) =>
    issues.filter((i) => i.severity === severity).reduce((sum, i) => sum + i.count, 0);
  const result: BarValidationResult = {
    issues,
    total_errors: total('error'),
    total_warnings: total('warning'),
  };
  if (repaired) {
    result.repaired = repaired.series;
    result.changes = repaired.changes;
  }
  return result;
}

function repairBars(series: BarSeries): { series: BarSeries; changes: string[] } {
  const kept = emptySeries();
  const tally = { nonFinite: 0, nonPositive: 0, volume: 0, high: 0, low: 0 };
  const { t, o, h, l, c, v } = series;
  for (let i = 0; i < t.length; i++) {
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
    kept.t.push(ti);
    kept.o.push(oi);
    kept.h.push(hi);
    kept.l.push(li);
    kept.c.push(ci);
    kept.v.push(vi);
  }
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
