import type { Timeframe } from '../timeframes';

/**
 * One trading session, in UTC: trading happens in `[openMs, closeMs)`. `date` is the
 * exchange-local trading date (`YYYY-MM-DD`); for forex, the date of the 17:00 New York close.
 */
export interface Session {
  readonly openMs: number;
  readonly closeMs: number;
  readonly date: string;
}

/**
 * When an instrument trades, and where its bars fall.
 *
 * Ranges given as `(fromMs, toMs)` are closed: `[fromMs, toMs]`, in epoch ms UTC.
 *
 * Bar alignment (the bar timestamps a calendar expects; a bar's timestamp is its open time):
 * - intraday timeframes (`1m` … `1h`, and `4h` likewise) are aligned to the timeframe from the
 *   session open: `open, open + tf, open + 2·tf, …` while before the close (the last bar of a
 *   session may be shorter, e.g. NYSE 1h bars open at 09:30 … 15:30);
 * - `1d`: one bar per session, stamped at the session's open;
 * - `1w`: one bar per week (Monday–Sunday of the trading dates), stamped at the open of the
 *   week's first session.
 *
 * Providers may align differently (IB stamps hourly bars on the clock hour); gaps are about
 * sessions, not about individual bar times, so such differences never create false gaps.
 */
export interface TradingCalendar {
  /** Short name, e.g. `NYSE` or `FOREX`. */
  readonly name: string;
  /** IANA time zone of the exchange hours, e.g. `America/New_York`. */
  readonly timeZone: string;
  /** Sessions that intersect `[fromMs, toMs]`, chronological. */
  sessions(fromMs: number, toMs: number): Session[];
  /** True when `ms` lies inside a session. */
  isOpen(ms: number): boolean;
  /** Expected bar open times in `[fromMs, toMs]` for `tf`, ascending (see alignment above). */
  barTimestamps(tf: Timeframe, fromMs: number, toMs: number): number[];
  /** The session of an exchange-local trading date (`YYYY-MM-DD`), or `null` when closed. */
  sessionOn(date: string): Session | null;
}
