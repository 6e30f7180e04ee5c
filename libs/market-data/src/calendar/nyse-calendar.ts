import { formatDay, isoWeekday, civilFromDays } from './civil-date';
import {
  NYSE_EARLY_CLOSE_RULES,
  nyseEarlyCloseTime,
  ruleEarlyCloses,
  type WallTime,
} from './early-close-rules';
import { NYSE_HOLIDAY_RULES, observedHolidays } from './holiday-rules';
import { NYSE_CLOSURES, NYSE_SPECIAL_CLOSES } from './nyse-special-days';
import { SessionCalendar } from './session-calendar';
import type { Session } from './trading-calendar';

/** An early-close day: why, and the close time (New York). */
export interface EarlyClose {
  readonly name: string;
  readonly close: WallTime;
}

interface YearExceptions {
  readonly closed: Map<string, string>;
  readonly early: Map<string, EarlyClose>;
}

/**
 * US equities: NYSE regular hours 09:30–16:00 America/New_York (DST-aware), Monday to Friday.
 * Closed on the holidays of {@link NYSE_HOLIDAY_RULES} (rules, every year) and on the one-off
 * closures of {@link NYSE_CLOSURES}; on the early-close days of {@link NYSE_EARLY_CLOSE_RULES}
 * (13:00 since 1993) and {@link NYSE_SPECIAL_CLOSES} the session ends early, so no bar, gap or
 * segment is expected after the early close.
 */
export class NyseCalendar extends SessionCalendar {
  readonly name = 'NYSE';
  readonly timeZone = 'America/New_York';
  private readonly exceptionsByYear = new Map<number, YearExceptions>();

  /** Weekdays of `year` the exchange is closed: `YYYY-MM-DD` → holiday or closure name. */
  holidays(year: number): ReadonlyMap<string, string> {
    return this.exceptions(year).closed;
  }

  /** Early-close days of `year`: `YYYY-MM-DD` → name and close time. */
  earlyCloses(year: number): ReadonlyMap<string, EarlyClose> {
    return this.exceptions(year).early;
  }

  protected sessionOnDay(day: number): Session | null {
    if (isoWeekday(day) > 5) return null;
    const date = formatDay(day);
    const { closed, early } = this.exceptions(civilFromDays(day).year);
    if (closed.has(date)) return null;
    const close = early.get(date)?.close ?? { hour: 16, minute: 0 };
    return {
      openMs: this.zonedMs(day, 9, 30),
      closeMs: this.zonedMs(day, close.hour, close.minute),
      date,
    };
  }

  private exceptions(year: number): YearExceptions {
    let found = this.exceptionsByYear.get(year);
    if (!found) {
      const closed = observedHolidays(NYSE_HOLIDAY_RULES, year);
      const inYear = ({ date }: { date: string }) => date.startsWith(`${year}-`);
      for (const row of NYSE_CLOSURES.filter(inYear)) closed.set(row.date, row.name);
      const early = new Map<string, EarlyClose>();
      const close = nyseEarlyCloseTime(year);
      for (const [date, name] of ruleEarlyCloses(NYSE_EARLY_CLOSE_RULES, year)) {
        early.set(date, { name, close });
      }
      for (const row of NYSE_SPECIAL_CLOSES.filter(inYear)) early.set(row.date, row);
      for (const date of closed.keys()) early.delete(date);
      found = { closed, early };
      this.exceptionsByYear.set(year, found);
    }
    return found;
  }
}
