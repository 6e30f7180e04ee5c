import { daysFromCivil, formatDay, isoWeekday } from './civil-date';

/**
 * How a holiday that falls on a weekend is observed:
 * - `nyse`: Saturday → the Friday before, Sunday → the Monday after;
 * - `sunday-only`: Sunday → Monday, a Saturday holiday is not observed at all (NYSE rule 7.2
 *   for New Year's Day: closing on Dec 31 would end the accounting year early).
 * - `none`: the rule already names a weekday.
 */
export type WeekendObservance = 'nyse' | 'sunday-only' | 'none';

/** One holiday rule: the holiday's actual date in a year, and how it is observed. */
export interface HolidayRule {
  readonly name: string;
  /** First year the rule applies (inclusive). */
  readonly fromYear?: number;
  /** Day number of the holiday's actual date in `year`. */
  readonly date: (year: number) => number;
  readonly observance: WeekendObservance;
}

/** Day number of the `n`-th `weekday` (1 = Mon … 7 = Sun) of a month. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - isoWeekday(first) + 7) % 7) + (n - 1) * 7;
}

/** Day number of the last `weekday` (1 = Mon … 7 = Sun) of a month. */
export function lastWeekday(year: number, month: number, weekday: number): number {
  const last = daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  return last - ((isoWeekday(last) - weekday + 7) % 7);
}

/** Day number of Easter Sunday (Gregorian; anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

const fixed = (month: number, day: number) => (year: number) => daysFromCivil(year, month, day);

/**
 * NYSE full-day holidays as rules (NYSE Rule 7.2). One-off closures (national days of
 * mourning, 9/11, hurricane Sandy) are not rules: they are rows of `NYSE_CLOSURES`
 * (nyse-special-days.ts); the early closes are in early-close-rules.ts.
 */
export const NYSE_HOLIDAY_RULES: readonly HolidayRule[] = [
  { name: "New Year's Day", date: fixed(1, 1), observance: 'sunday-only' },
  {
    name: 'Martin Luther King Jr. Day',
    fromYear: 1998,
    date: (y) => nthWeekday(y, 1, 1, 3),
    observance: 'none',
  },
  { name: "Washington's Birthday", date: (y) => nthWeekday(y, 2, 1, 3), observance: 'none' },
  { name: 'Good Friday', date: (y) => easterSunday(y) - 2, observance: 'none' },
  { name: 'Memorial Day', date: (y) => lastWeekday(y, 5, 1), observance: 'none' },
  {
    name: 'Juneteenth National Independence Day',
    fromYear: 2022,
    date: fixed(6, 19),
    observance: 'nyse',
  },
  { name: 'Independence Day', date: fixed(7, 4), observance: 'nyse' },
  { name: 'Labor Day', date: (y) => nthWeekday(y, 9, 1, 1), observance: 'none' },
  { name: 'Thanksgiving Day', date: (y) => nthWeekday(y, 11, 4, 4), observance: 'none' },
  { name: 'Christmas Day', date: fixed(12, 25), observance: 'nyse' },
];

/** Day number on which a holiday dated `actual` is observed, or `null` when it is not. */
export function observedDay(actual: number, observance: WeekendObservance): number | null {
  const weekday = isoWeekday(actual);
  if (observance === 'none' || weekday <= 5) return actual;
  if (weekday === 7) return actual + 1;
  return observance === 'nyse' ? actual - 1 : null;
}

/**
 * The observed holidays of `year` under `rules`: `YYYY-MM-DD` → holiday name.
 * Only holidays observed on a weekday of `year` itself are returned.
 */
export function observedHolidays(rules: readonly HolidayRule[], year: number): Map<string, string> {
  const holidays = new Map<string, string>();
  for (const rule of rules) {
    if (rule.fromYear !== undefined && year < rule.fromYear) continue;
    const observed = observedDay(rule.date(year), rule.observance);
    if (observed !== null) holidays.set(formatDay(observed), rule.name);
  }
  return holidays;
}
