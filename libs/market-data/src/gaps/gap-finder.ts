import { DAY_MS, isoWeekday, parseDay } from '../calendar/civil-date';
import type { Session, TradingCalendar } from '../calendar/trading-calendar';
import { lowerBound } from '../series/bar-series';
import type { Timeframe } from '../timeframes';

/**
 * A run of consecutive trading sessions with no bar: from the first missing session's open to
 * the last one's close (no bar opens at a close), both clipped to the range that was searched.
 */
export interface Gap {
  startMs: number;
  endMs: number;
  /** How many trading sessions the run contains. */
  sessions: number;
}

/** Options of {@link findMissingSessions}. */
export interface FindGapsOptions {
  /**
   * The bars' timeframe. Only `1w` changes the answer: one weekly bar covers every session of
   * its week. Other timeframes (intraday and `1d`) need a bar in each session.
   */
  timeframe?: Timeframe;
}

/**
 * The runs of consecutive trading sessions in `[fromMs, toMs]` that have no bar.
 *
 * - Weekends, holidays and closed hours are never gaps: only sessions are checked.
 * - A session counts when it intersects `[fromMs, toMs]`, so partial first and last sessions
 *   are checked too; a session is covered when ANY bar falls in it — one bar is enough, the
 *   finder does not look for missing bars inside a session (tail/backfill fetch those edges).
 *   A reported gap is clipped to `[fromMs, toMs]`, so nothing outside the asked range is
 *   requested.
 * - A bar stamped in closed hours (a daily bar stamped at midnight UTC or midnight New York)
 *   counts for the next session, so providers' different daily stamps don't make false gaps.
 * - Gaps that touch a weekend and one-session gaps are kept: a Thursday-close → Monday range
 *   reports Friday.
 *
 * @param existingTimestamps bar open times, sorted ascending (the cached series' `t`).
 */
export function findMissingSessions(
  calendar: TradingCalendar,
  existingTimestamps: readonly number[],
  fromMs: number,
  toMs: number,
  options: FindGapsOptions = {},
): Gap[] {
  const weekly = options.timeframe === '1w';
  // A weekly bar is stamped at its week's first session, which may lie before fromMs.
  const sessions = calendar.sessions(weekly ? fromMs - 7 * DAY_MS : fromMs, toMs);
  if (sessions.length === 0) return [];
  const covered = coverage(calendar, sessions, existingTimestamps);
  if (weekly) spreadOverWeeks(sessions, covered);

  const gaps: Gap[] = [];
  let run: Gap | null = null;
  for (let i = 0; i < sessions.length; i++) {
    const session = sessions[i]!;
    if (session.closeMs <= fromMs) continue;
    if (covered[i]) {
      run = null;
      continue;
    }
    const startMs = Math.max(session.openMs, fromMs);
    const endMs = Math.min(session.closeMs, toMs);
    if (run) {
      run.endMs = endMs;
      run.sessions++;
    } else {
      run = { startMs, endMs, sessions: 1 };
      gaps.push(run);
    }
  }
  return gaps;
}

/**
 * `covered[i]` is true when some timestamp falls in `[close of the session before, close of
 * session i)`: inside the session, or in the closed hours just before it.
 */
function coverage(
  calendar: TradingCalendar,
  sessions: readonly Session[],
  timestamps: readonly number[],
): boolean[] {
  const first = sessions[0]!;
  const before = calendar.sessions(first.openMs - 14 * DAY_MS, first.openMs - 1);
  let windowStart = before[before.length - 1]?.closeMs ?? first.openMs - 14 * DAY_MS;
  return sessions.map((session) => {
    // A binary search per session, not a walk over every bar: years of 1m bars are millions.
    const j = lowerBound(timestamps, windowStart);
    const hit = j < timestamps.length && timestamps[j]! < session.closeMs;
    windowStart = session.closeMs;
    return hit;
  });
}

/** With weekly bars: a week with one covered session is covered as a whole. */
function spreadOverWeeks(sessions: readonly Session[], covered: boolean[]): void {
  const weeks = sessions.map((s) => {
    const day = parseDay(s.date) ?? 0;
    return day - (isoWeekday(day) - 1);
  });
  const coveredWeeks = new Set(weeks.filter((_, i) => covered[i]));
  weeks.forEach((week, i) => {
    if (coveredWeeks.has(week)) covered[i] = true;
  });
}
