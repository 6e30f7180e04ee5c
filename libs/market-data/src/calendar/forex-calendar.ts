import { formatDay, isoWeekday } from './civil-date';
import { SessionCalendar } from './session-calendar';
import type { Session } from './trading-calendar';

/**
 * Spot forex, 24/5: the week opens Sunday 17:00 and closes Friday 17:00 America/New_York.
 * One session per trading day (Monday–Friday), from 17:00 New York the evening before to
 * 17:00 New York on the trading date — the interbank value-date roll. No holidays.
 */
export class ForexCalendar extends SessionCalendar {
  readonly name = 'FOREX';
  readonly timeZone = 'America/New_York';

  protected sessionOnDay(day: number): Session | null {
    if (isoWeekday(day) > 5) return null;
    return {
      openMs: this.zonedMs(day - 1, 17, 0),
      closeMs: this.zonedMs(day, 17, 0),
      date: formatDay(day),
    };
  }
}
