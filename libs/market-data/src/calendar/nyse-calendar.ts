import { formatDay, isoWeekday, civilFromDays } from './civil-date';
import { NYSE_HOLIDAY_RULES, observedHolidays } from './holiday-rules';
import { SessionCalendar } from './session-calendar';
import type { Session } from './trading-calendar';

/**
 * US equities: NYSE regular hours 09:30–16:00 America/New_York (DST-aware), Monday to Friday,
 * closed on the holidays of {@link NYSE_HOLIDAY_RULES}, computed from rules for every year.
 * Early closes and one-off closures are not modelled (a 13:00 close only shortens a session,
 * which never creates a session gap).
 */
export class NyseCalendar extends SessionCalendar {
  readonly name = 'NYSE';
  readonly timeZone = 'America/New_York';
  private readonly holidaysByYear = new Map<number, Map<string, string>>();

  /** Observed holidays of `year`: `YYYY-MM-DD` → name. */
  holidays(year: number): ReadonlyMap<string, string> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = observedHolidays(NYSE_HOLIDAY_RULES, year);
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  protected sessionOnDay(day: number): Session | null {
    if (isoWeekday(day) > 5) return null;
    const date = formatDay(day);
    if (this.holidays(civilFromDays(day).year).has(date)) return null;
    return { openMs: this.zonedMs(day, 9, 30), closeMs: this.zonedMs(day, 16, 0), date };
  }
}
