import { isoWeekday, parseDay } from './civil-date';
import { NYSE_HOLIDAY_RULES, observedHolidays } from './holiday-rules';
import { NYSE_EARLY_CLOSE_RULES, ruleEarlyCloses } from './early-close-rules';
import { NyseCalendar } from './nyse-calendar';
import { NYSE_CLOSURES, NYSE_SPECIAL_CLOSES } from './nyse-special-days';

const utc = (iso: string) => Date.parse(iso);
const calendar = new NyseCalendar();
const session = (date: string) => {
  const s = calendar.sessionOn(date);
  return s && [new Date(s.openMs).toISOString(), new Date(s.closeMs).toISOString()];
};
/** `MM-DD@HH:MM` of every early close of `year`. */
const earlyCloses = (year: number) =>
  [...calendar.earlyCloses(year)]
    .map(([date, { close }]) => `${date.slice(5)}@${close.hour}:${close.minute || '00'}`)
    .sort();

describe('NyseCalendar early closes', () => {
  it('ends the session at 13:00 New York on early-close days (UTC per DST)', () => {
    expect(session('2023-07-03')).toEqual(['2023-07-03T13:30:00.000Z', '2023-07-03T17:00:00.000Z']);
    expect(session('2023-11-24')).toEqual(['2023-11-24T14:30:00.000Z', '2023-11-24T18:00:00.000Z']);
    expect(session('2024-12-24')).toEqual(['2024-12-24T14:30:00.000Z', '2024-12-24T18:00:00.000Z']);
    expect(session('2019-12-24')).toEqual(['2019-12-24T14:30:00.000Z', '2019-12-24T18:00:00.000Z']);
    expect(calendar.isOpen(utc('2023-07-03T16:59:59Z'))).toBe(true);
    expect(calendar.isOpen(utc('2023-07-03T17:00:00Z'))).toBe(false);
  });

  it('keeps full days where no rule applies', () => {
    // July 4 2022 was a Monday: Friday July 1 was a full day.
    expect(session('2022-07-01')).toEqual(['2022-07-01T13:30:00.000Z', '2022-07-01T20:00:00.000Z']);
    expect(session('2024-07-10')).toEqual(['2024-07-10T13:30:00.000Z', '2024-07-10T20:00:00.000Z']);
    // Since 2013 a Thursday July 4 moves the early close to Wednesday; Friday is a full day.
    expect(session('2013-07-05')?.[1]).toBe('2013-07-05T20:00:00.000Z');
  });

  it('matches the early closes NYSE published, year by year', () => {
    expect(earlyCloses(2012)).toEqual(['07-03@13:00', '11-23@13:00', '12-24@13:00']);
    expect(earlyCloses(2013)).toEqual(['07-03@13:00', '11-29@13:00', '12-24@13:00']);
    expect(earlyCloses(2015)).toEqual(['11-27@13:00', '12-24@13:00']); // Jul 3 observed holiday
    expect(earlyCloses(2016)).toEqual(['11-25@13:00']);
    expect(earlyCloses(2017)).toEqual(['07-03@13:00', '11-24@13:00']);
    expect(earlyCloses(2020)).toEqual(['11-27@13:00', '12-24@13:00']);
    expect(earlyCloses(2021)).toEqual(['11-26@13:00']); // Dec 24 observed Christmas
    expect(earlyCloses(2022)).toEqual(['11-25@13:00']);
    expect(earlyCloses(2023)).toEqual(['07-03@13:00', '11-24@13:00']);
    expect(earlyCloses(2024)).toEqual(['07-03@13:00', '11-29@13:00', '12-24@13:00']);
    expect(earlyCloses(2025)).toEqual(['07-03@13:00', '11-28@13:00', '12-24@13:00']);
    expect(earlyCloses(2026)).toEqual(['11-27@13:00', '12-24@13:00']);
  });

  it('follows the older rules and the table before 2013', () => {
    // July 4 on a Thursday: Friday July 5 closed early until 2012.
    expect(earlyCloses(2002)).toEqual(['07-05@13:00', '11-29@13:00', '12-24@13:00']);
    expect(earlyCloses(1997)).toEqual([
      '07-03@13:00',
      '10-27@15:30', // circuit breaker
      '11-28@13:00',
      '12-24@13:00',
      '12-26@13:00',
    ]);
    expect(earlyCloses(1999)).toEqual(['11-26@13:00', '12-31@13:00']); // Dec 24: holiday
    expect(earlyCloses(1992)).toEqual(['11-27@14:00', '12-24@14:00']); // 14:00 until 1992
    expect(earlyCloses(1991)).toEqual(['12-24@14:00']);
    expect(session('1992-11-27')?.[1]).toBe('1992-11-27T19:00:00.000Z');
  });
});

describe('NyseCalendar one-off closures', () => {
  it('has no session on the closure days', () => {
    for (const date of [
      '1994-04-27',
      '2001-09-11',
      '2001-09-14',
      '2004-06-11',
      '2007-01-02',
      '2012-10-29',
      '2012-10-30',
      '2018-12-05',
      '2025-01-09',
    ]) {
      expect([date, calendar.sessionOn(date)]).toEqual([date, null]);
    }
    expect(calendar.holidays(2012).get('2012-10-29')).toBe('Hurricane Sandy');
    expect(calendar.isOpen(utc('2018-12-05T15:00:00Z'))).toBe(false);
    expect(session('2012-10-31')).toEqual(['2012-10-31T13:30:00.000Z', '2012-10-31T20:00:00.000Z']);
    const days = calendar.sessions(utc('2001-09-10T00:00:00Z'), utc('2001-09-18T00:00:00Z'));
    expect(days.map((s) => s.date)).toEqual(['2001-09-10', '2001-09-17']);
  });

  it('counts the trading days of a year with closures', () => {
    const days = (year: number) =>
      calendar.sessions(utc(`${year}-01-01T00:00:00Z`), utc(`${year}-12-31T23:59:00Z`)).length;
    expect(days(2012)).toBe(250); // 252 by the holiday rules, minus Sandy
    expect(days(2018)).toBe(251);
    expect(days(2025)).toBe(250);
  });
});

describe('NYSE special-days table', () => {
  const rows = [...NYSE_CLOSURES, ...NYSE_SPECIAL_CLOSES];

  it('names real weekdays that no rule already covers, each with a source', () => {
    for (const row of rows) {
      const day = parseDay(row.date);
      expect([row.date, day !== null && isoWeekday(day) <= 5]).toEqual([row.date, true]);
      const year = Number(row.date.slice(0, 4));
      expect(observedHolidays(NYSE_HOLIDAY_RULES, year).has(row.date)).toBe(false);
      expect(row.source.length).toBeGreaterThan(10);
    }
    for (const row of NYSE_SPECIAL_CLOSES) {
      const year = Number(row.date.slice(0, 4));
      expect([row.date, ruleEarlyCloses(NYSE_EARLY_CLOSE_RULES, year).has(row.date)]).toEqual([
        row.date,
        false,
      ]);
      const minutes = row.close.hour * 60 + row.close.minute;
      expect(minutes > 9 * 60 + 30 && minutes < 16 * 60).toBe(true);
    }
  });

  it('is sorted without duplicates', () => {
    for (const list of [NYSE_CLOSURES, NYSE_SPECIAL_CLOSES]) {
      const dates = list.map((r) => r.date);
      expect(dates).toEqual([...new Set(dates)].sort());
    }
    expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
  });
});
