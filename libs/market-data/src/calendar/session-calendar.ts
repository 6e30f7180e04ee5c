import { timeframeMs, type Timeframe } from '../timeframes';
import { civilFromDays, DAY_MS, daysFromCivil, isoWeekday, parseDay } from './civil-date';
import type { Session, TradingCalendar } from './trading-calendar';
import { ZoneOffsets } from './zone-offsets';

/** Years outside this range have no sessions (keeps absurd ranges from looping for ages). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/**
 * A {@link TradingCalendar} built from one rule: "the session of trading date `day`".
 * Sessions are computed once per year and cached; subclasses only say which days trade.
 */
export abstract class SessionCalendar implements TradingCalendar {
  abstract readonly name: string;
  abstract readonly timeZone: string;
  private readonly byYear = new Map<number, readonly Session[]>();
  private zone: ZoneOffsets | null = null;

  /** The session of trading date `day` (day number, 1970-01-01 = 0), or `null` if closed. */
  protected abstract sessionOnDay(day: number): Session | null;

  sessions(fromMs: number, toMs: number): Session[] {
    if (!(fromMs <= toMs)) return [];
    // A session may open the day before its trading date (forex): look one year-edge wider.
    const firstYear = Math.max(FIRST_YEAR, yearOf(fromMs - 2 * DAY_MS));
    const lastYear = Math.min(LAST_YEAR, yearOf(toMs + 2 * DAY_MS));
    const result: Session[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      for (const session of this.sessionsOfYear(year)) {
        if (session.closeMs > fromMs && session.openMs <= toMs) result.push(session);
      }
    }
    return result;
  }

  isOpen(ms: number): boolean {
    return this.sessions(ms, ms).some((s) => s.openMs <= ms && ms < s.closeMs);
  }

  barTimestamps(tf: Timeframe, fromMs: number, toMs: number): number[] {
    const result: number[] = [];
    if (tf === '1w') {
      let lastWeek = Number.NaN;
      // The week's first session may lie before fromMs: start a week earlier.
      for (const session of this.sessions(fromMs - 7 * DAY_MS, toMs)) {
        const week = weekOf(session.date);
        if (week === lastWeek) continue;
        lastWeek = week;
        if (session.openMs >= fromMs && session.openMs <= toMs) result.push(session.openMs);
      }
      return result;
    }
    const step = tf === '1d' ? Number.POSITIVE_INFINITY : timeframeMs(tf);
    for (const session of this.sessions(fromMs, toMs)) {
      for (let t = session.openMs; t < session.closeMs && t <= toMs; t += step) {
        if (t >= fromMs) result.push(t);
      }
    }
    return result;
  }

  sessionOn(date: string): Session | null {
    const day = parseDay(date);
    if (day === null) return null;
    const year = civilFromDays(day).year;
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    return this.sessionsOfYear(year).find((s) => s.date === date) ?? null;
  }

  /** Epoch ms of a wall-clock time in this calendar's time zone (DST-aware). */
  protected zonedMs(day: number, hour: number, minute: number): number {
    // Created on first use: `timeZone` is a subclass field, unset while this constructor runs.
    this.zone ??= new ZoneOffsets(this.timeZone);
    return this.zone.toUtc(day * DAY_MS + hour * 3_600_000 + minute * 60_000);
  }

  private sessionsOfYear(year: number): readonly Session[] {
    let sessions = this.byYear.get(year);
    if (!sessions) {
      const list: Session[] = [];
      const end = daysFromCivil(year + 1, 1, 1);
      for (let day = daysFromCivil(year, 1, 1); day < end; day++) {
        const session = this.sessionOnDay(day);
        if (session) list.push(session);
      }
      sessions = list;
      this.byYear.set(year, sessions);
    }
    return sessions;
  }
}

function yearOf(ms: number): number {
  return new Date(Math.min(Math.max(ms, -2e15), 8e15)).getUTCFullYear();
}

/** Day number of the Monday of the week of `date` (`YYYY-MM-DD`). */
function weekOf(date: string): number {
  const day = parseDay(date) ?? 0;
  return day - (isoWeekday(day) - 1);
}
