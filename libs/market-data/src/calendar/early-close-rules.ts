import { daysFromCivil, formatDay, isoWeekday } from './civil-date';
import { nthWeekday } from './holiday-rules';

/** A wall-clock time of day in the exchange's time zone. */
export interface WallTime {
  readonly hour: number;
  readonly minute: number;
}

/**
 * One scheduled early-close rule: the day it names in a year (a weekday), if any. A day that is
 * also a holiday or a one-off closure stays closed; the close time comes from
 * {@link nyseEarlyCloseTime}.
 */
export interface EarlyCloseRule {
  readonly name: string;
  /** First year the rule applies (inclusive). */
  readonly fromYear: number;
  /** Last year the rule applies (inclusive). */
  readonly toYear?: number;
  /** Day number of the early-close day in `year`, or `null` when the rule names none. */
  readonly date: (year: number) => number | null;
}

/** `month`/`day` of `year` when it falls on one of `weekdays` (1 = Mon … 7 = Sun), else `null`. */
function dateOn(month: number, day: number, weekdays: readonly number[]) {
  return (year: number): number | null => {
    const days = daysFromCivil(year, month, day);
    return weekdays.includes(isoWeekday(days)) ? days : null;
  };
}

/**
 * NYSE scheduled early closes, as rules (NYSE's published holiday and early-close calendars,
 * https://www.nyse.com/markets/hours-calendars, and its closings history for the older years —
 * see nyse-special-days.ts). When July 3 or December 24 is a Friday it is itself the observed
 * holiday, and when it is a weekend day there is no early close that year (e.g. 2022-07-01 is
 * a full day). Modelled from 1990; unscheduled early closes are in {@link NYSE_SPECIAL_CLOSES}.
 */
export const NYSE_EARLY_CLOSE_RULES: readonly EarlyCloseRule[] = [
  // July 4 on a Tuesday, Wednesday or Friday: the trading day before closes early (from 1995).
  { name: 'Day before Independence Day', fromYear: 1995, date: dateOn(7, 3, [1, 2, 4]) },
  // July 4 on a Thursday: July 5 (Friday) closed early until 2012, July 3 (Wednesday) since 2013.
  { name: 'Day after Independence Day', fromYear: 1995, toYear: 2012, date: dateOn(7, 5, [5]) },
  { name: 'Day before Independence Day', fromYear: 2013, date: dateOn(7, 3, [3]) },
  { name: 'Day after Thanksgiving', fromYear: 1992, date: (y) => nthWeekday(y, 11, 4, 4) + 1 },
  { name: 'Christmas Eve', fromYear: 1990, date: dateOn(12, 24, [1, 2, 3, 4]) },
];

/** NYSE's scheduled early-close time: 14:00 until 1992, 13:00 from 1993 on. */
export function nyseEarlyCloseTime(year: number): WallTime {
  return year < 1993 ? { hour: 14, minute: 0 } : { hour: 13, minute: 0 };
}

/** The days `rules` name in `year`: `YYYY-MM-DD` → rule name. */
export function ruleEarlyCloses(
  rules: readonly EarlyCloseRule[],
  year: number,
): Map<string, string> {
  const days = new Map<string, string>();
  for (const rule of rules) {
    if (year < rule.fromYear || (rule.toYear !== undefined && year > rule.toYear)) continue;
    const day = rule.date(year);
    if (day !== null) days.set(formatDay(day), rule.name);
  }
  return days;
}
