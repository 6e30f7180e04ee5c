import {
  EventLoopYielder,
  runSteps,
  runStepsYielding,
  type Steps,
} from '@ktrdr/async-infrastructure';
import type { TradingCalendar } from '../calendar/trading-calendar';
import { findMissingSessions } from '../gaps/gap-finder';
import type { Timeframe } from '../timeframes';
import { isStrictlyAscending, sortAndDedupe, type BarSeries } from './bar-series';
import { allFinite, PAUSE_MASK, repairBars } from './bar-repair';
import type {
  BarIssue,
  BarIssueKind,
  BarValidationResult,
  IssueSeverity,
} from './bar-validation.types';

export type { BarIssue, BarIssueKind, BarValidationResult, IssueSeverity };

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

// A local binding: global lookups are slow inside vm contexts (jest on Node 20).
const { isFinite } = Number;

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
  return runSteps(validationSteps(series, options));
}

/**
 * {@link validateBars} for a caller on the server's event loop: the same result, but the loop
 * gets a turn every few ms of work, so validating millions of bars does not stall requests.
 */
export function validateBarsYielding(
  series: BarSeries,
  options: ValidateBarsOptions = {},
): Promise<BarValidationResult> {
  return runStepsYielding(validationSteps(series, options));
}

function* validationSteps(
  series: BarSeries,
  options: ValidateBarsOptions,
): Steps<BarValidationResult> {
  const counts = new Map<BarIssueKind, number>();
  const add = (kind: BarIssueKind, n = 1) => {
    if (n > 0) counts.set(kind, (counts.get(kind) ?? 0) + n);
  };
  const { t, o, h, l, c, v } = series;
  for (let i = 0; i < t.length; i++) {
    if ((i & PAUSE_MASK) === 0) yield;
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
  // A strictly ascending series (what parsers and the store produce) has no duplicates: the
  // Set of a few million timestamps is only built when it could find some.
  yield;
  if (!isStrictlyAscending(t)) add('duplicate_timestamps', t.length - new Set(t).size);

  yield;
  const repaired = options.repair ? yield* repairBars(series) : undefined;
  if (options.calendar) {
    const sorted = repaired?.series ?? sortAndDedupe(series);
    const fromMs = options.fromMs ?? sorted.t[0];
    const toMs = options.toMs ?? sorted.t[sorted.t.length - 1];
    if (fromMs !== undefined && toMs !== undefined) {
      const finite: number[] = [];
      for (let i = 0; i < sorted.t.length; i++) {
        if ((i & PAUSE_MASK) === 0) yield;
        const ti = sorted.t[i]!;
        if (isFinite(ti)) finite.push(ti);
      }
      const gaps = findMissingSessions(options.calendar, finite, fromMs, toMs, {
        timeframe: options.timeframe,
      });
      add(
        'session_gap',
        gaps.reduce((sum, gap) => sum + gap.sessions, 0),
      );
    }
  }

  const result = resultOf(counts);
  if (repaired) {
    result.repaired = repaired.series;
    result.changes = repaired.changes;
  }
  return result;
}

/**
 * {@link validateBars} (without repair) over a sorted series delivered in pages, each after the
 * previous one (the store reads a window of a cache file so): the per-bar checks page by page,
 * the gap check over the open times alone, yielding to the event loop as it goes. Memory holds
 * one page and, with a calendar, the open times (8 bytes a bar), never the whole series.
 */
export async function validateBarPages(
  pages: AsyncIterable<BarSeries> | Iterable<BarSeries>,
  options: Omit<ValidateBarsOptions, 'repair'> = {},
): Promise<BarValidationResult> {
  const counts = new Map<BarIssueKind, number>();
  const add = (kind: BarIssueKind, n = 1) => {
    if (n > 0) counts.set(kind, (counts.get(kind) ?? 0) + n);
  };
  const yielder = new EventLoopYielder();
  const times: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for await (const page of pages) {
    const { t } = page;
    if (t.length === 0) continue;
    const checked = await runStepsYielding(validationSteps(page, {}), yielder);
    for (const issue of checked.issues) add(issue.kind, issue.count);
    if (t[0]! < previous) add('unsorted_timestamps');
    if (t[0] === previous) add('duplicate_timestamps');
    previous = t[t.length - 1]!;
    // The open times are only kept for the gap check.
    for (let i = 0; options.calendar && i < t.length; i++) {
      if ((i & PAUSE_MASK) === 0) await yielder.yieldIfDue();
      const ti = t[i]!;
      if (isFinite(ti)) times.push(ti);
    }
  }
  const fromMs = options.fromMs ?? times[0];
  const toMs = options.toMs ?? times[times.length - 1];
  if (options.calendar && fromMs !== undefined && toMs !== undefined) {
    const gaps = findMissingSessions(options.calendar, times, fromMs, toMs, {
      timeframe: options.timeframe,
    });
    add(
      'session_gap',
      gaps.reduce((sum, gap) => sum + gap.sessions, 0),
    );
  }
  return resultOf(counts);
}

/** Issue counts as a result: only kinds that occurred, in a fixed order. */
function resultOf(counts: ReadonlyMap<BarIssueKind, number>): BarValidationResult {
  const issues = (Object.keys(SEVERITY) as BarIssueKind[])
    .filter((kind) => counts.has(kind))
    .map((kind) => ({ kind, severity: SEVERITY[kind], count: counts.get(kind)! }));
  const total = (severity: IssueSeverity) =>
    issues.filter((i) => i.severity === severity).reduce((sum, i) => sum + i.count, 0);
  return { issues, total_errors: total('error'), total_warnings: total('warning') };
}
