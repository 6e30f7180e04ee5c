import { DAY_MS, formatDay } from '../calendar/civil-date';
import type { Session, TradingCalendar } from '../calendar/trading-calendar';
import type { Timeframe } from '../timeframes';
import type { VendorTime } from './vendor-time';

/** Where a vendor bar goes in the cache: its timestamp, or why it has none. */
export type BarStamp = { ms: number } | { rejected: string };

/**
 * The cache timestamp of a vendor bar. Intraday bars keep their time. A daily bar belongs to
 * the session holding its time (a bar stamped at a session's open, forex on Sunday evening
 * included), else to the session of its date (as written; the UTC date for epoch times), e.g.
 * a bar stamped after the close or at midnight; it is stamped at that session's open, a weekly
 * bar at the open of its week's first session. A bar whose day has no session (weekend,
 * holiday) is rejected: it is never moved onto another day, where it would replace a real bar.
 */
export function stampBar(
  time: VendorTime,
  timeframe: Timeframe,
  calendar: TradingCalendar,
): BarStamp {
  if (timeframe !== '1d' && timeframe !== '1w') return { ms: time.ms };
  const date = time.date ?? formatDay(Math.floor(time.ms / DAY_MS));
  const session =
    (time.dateOnly ? null : sessionHolding(calendar, time.ms)) ?? calendar.sessionOn(date);
  if (!session) return { rejected: `no ${calendar.name} session on ${date} (${weekday(date)})` };
  if (timeframe === '1d') return { ms: session.openMs };
  // Weekly: the first session of the week (Monday–Sunday of trading dates) holding `session`.
  const sessionDay = Date.parse(`${session.date}T00:00:00Z`);
  const monday = sessionDay - ((new Date(sessionDay).getUTCDay() || 7) - 1) * DAY_MS;
  const week = calendar.sessions(monday - DAY_MS, session.closeMs - 1);
  const first = week.find((s) => Date.parse(`${s.date}T00:00:00Z`) >= monday);
  return { ms: (first ?? session).openMs };
}

function sessionHolding(calendar: TradingCalendar, ms: number): Session | null {
  return calendar.sessions(ms, ms).find((s) => s.openMs <= ms && ms < s.closeMs) ?? null;
}

function weekday(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'long',
    timeZone: 'UTC',
  });
}
