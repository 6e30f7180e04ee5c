import { NyseCalendar } from './nyse-calendar';
import { easterSunday } from './holiday-rules';
import { formatDay } from './civil-date';

const utc = (iso: string) => Date.parse(iso);
const calendar = new NyseCalendar();

describe('NyseCalendar holidays', () => {
  it('computes the 2024 holidays from rules', () => {
    expect([...calendar.holidays(2024).keys()].sort()).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ]);
  });

  it('observes a Sunday holiday on Monday and a Saturday holiday on Friday', () => {
    const h2022 = calendar.holidays(2022);
    expect(h2022.get('2022-06-20')).toMatch(/Juneteenth/); // Jun 19 was a Sunday
    expect(h2022.get('2022-12-26')).toMatch(/Christmas/); // Dec 25 was a Sunday
    expect(calendar.holidays(2021).get('2021-12-24')).toMatch(/Christmas/); // Saturday → Friday
    expect(calendar.holidays(2020).get('2020-07-03')).toMatch(/Independence/); // Saturday
    expect(calendar.holidays(2023).get('2023-01-02')).toMatch(/New Year/); // Sunday → Monday
  });

  it('does not observe New Year on the Friday before when Jan 1 is a Saturday', () => {
    expect(calendar.holidays(2021).has('2021-12-31')).toBe(false);
    expect(calendar.holidays(2022).has('2022-01-01')).toBe(false);
    expect(calendar.sessionOn('2021-12-31')).not.toBeNull();
  });

  it('has no Juneteenth before 2022 and MLK day only from 1998', () => {
    expect(calendar.holidays(2021).has('2021-06-18')).toBe(false);
    expect(calendar.sessionOn('2021-06-18')).not.toBeNull();
    expect([...calendar.holidays(1997).values()]).not.toContain('Martin Luther King Jr. Day');
  });

  it('finds Good Friday through the Easter computus', () => {
    expect(formatDay(easterSunday(2024))).toBe('2024-03-31');
    expect(formatDay(easterSunday(2025))).toBe('2025-04-20');
    expect(formatDay(easterSunday(2019))).toBe('2019-04-21');
    expect(formatDay(easterSunday(2038))).toBe('2038-04-25');
    expect(calendar.holidays(2025).get('2025-04-18')).toBe('Good Friday');
  });

  it('has no session on a holiday or a weekend', () => {
    expect(calendar.sessionOn('2024-07-04')).toBeNull();
    expect(calendar.sessionOn('2024-07-06')).toBeNull();
    expect(calendar.sessionOn('2024-07-07')).toBeNull();
    expect(calendar.sessionOn('2024-11-28')).toBeNull();
  });
});

describe('NyseCalendar sessions', () => {
  it('opens 13:30Z in summer and 14:30Z in winter (DST via the time zone)', () => {
    expect(calendar.sessionOn('2024-07-10')).toEqual({
      openMs: utc('2024-07-10T13:30:00Z'),
      closeMs: utc('2024-07-10T20:00:00Z'),
      date: '2024-07-10',
    });
    expect(calendar.sessionOn('2024-01-10')?.openMs).toBe(utc('2024-01-10T14:30:00Z'));
    // DST began 2024-03-10 (Sunday): Friday before is winter, Monday after is summer.
    expect(calendar.sessionOn('2024-03-08')?.openMs).toBe(utc('2024-03-08T14:30:00Z'));
    expect(calendar.sessionOn('2024-03-11')?.openMs).toBe(utc('2024-03-11T13:30:00Z'));
    // DST ended 2024-11-03.
    expect(calendar.sessionOn('2024-11-01')?.openMs).toBe(utc('2024-11-01T13:30:00Z'));
    expect(calendar.sessionOn('2024-11-04')?.openMs).toBe(utc('2024-11-04T14:30:00Z'));
  });

  it('lists the sessions that intersect a range, chronologically', () => {
    const sessions = calendar.sessions(utc('2024-07-03T16:00:00Z'), utc('2024-07-08T13:30:00Z'));
    expect(sessions.map((s) => s.date)).toEqual(['2024-07-03', '2024-07-05', '2024-07-08']);
    // 2024-07-03 closed early (13:00 New York = 17:00Z).
    const after = calendar.sessions(utc('2024-07-03T17:00:00Z'), utc('2024-07-08T13:30:00Z'));
    expect(after.map((s) => s.date)).toEqual(['2024-07-05', '2024-07-08']);
    expect(calendar.sessions(utc('2024-07-06T00:00:00Z'), utc('2024-07-07T23:00:00Z'))).toEqual([]);
    expect(calendar.sessions(utc('2024-07-09T00:00:00Z'), utc('2024-07-08T00:00:00Z'))).toEqual([]);
  });

  it('is open only during regular hours', () => {
    expect(calendar.isOpen(utc('2024-07-10T13:30:00Z'))).toBe(true);
    expect(calendar.isOpen(utc('2024-07-10T19:59:59Z'))).toBe(true);
    expect(calendar.isOpen(utc('2024-07-10T20:00:00Z'))).toBe(false);
    expect(calendar.isOpen(utc('2024-07-10T13:29:00Z'))).toBe(false);
    expect(calendar.isOpen(utc('2024-07-04T15:00:00Z'))).toBe(false);
    expect(calendar.isOpen(utc('2024-07-06T15:00:00Z'))).toBe(false);
  });

  it('aligns intraday bars from the session open', () => {
    const day = [utc('2024-07-10T00:00:00Z'), utc('2024-07-10T23:59:00Z')] as const;
    expect(calendar.barTimestamps('1h', ...day).map((t) => new Date(t).toISOString())).toEqual([
      '2024-07-10T13:30:00.000Z',
      '2024-07-10T14:30:00.000Z',
      '2024-07-10T15:30:00.000Z',
      '2024-07-10T16:30:00.000Z',
      '2024-07-10T17:30:00.000Z',
      '2024-07-10T18:30:00.000Z',
      '2024-07-10T19:30:00.000Z',
    ]);
    expect(calendar.barTimestamps('4h', ...day)).toEqual([
      utc('2024-07-10T13:30:00Z'),
      utc('2024-07-10T17:30:00Z'),
    ]);
    expect(calendar.barTimestamps('1m', ...day)).toHaveLength(390);
    expect(calendar.barTimestamps('5m', ...day)).toHaveLength(78);
    expect(calendar.barTimestamps('30m', ...day)).toHaveLength(13);
  });

  it('includes bars exactly at both range ends', () => {
    const from = utc('2024-07-10T14:00:00Z');
    const to = utc('2024-07-10T14:05:00Z');
    expect(calendar.barTimestamps('1m', from, to)).toHaveLength(6);
  });

  it('stamps daily bars at the open and weekly bars at the week’s first session', () => {
    const from = utc('2024-07-01T00:00:00Z');
    const to = utc('2024-07-14T00:00:00Z');
    const daily = calendar.barTimestamps('1d', from, to);
    expect(daily).toHaveLength(9); // Jul 4 closed
    expect(daily[0]).toBe(utc('2024-07-01T13:30:00Z'));
    expect(calendar.barTimestamps('1w', from, to)).toEqual([
      utc('2024-07-01T13:30:00Z'),
      utc('2024-07-08T13:30:00Z'),
    ]);
    // A week whose Monday is a holiday starts on Tuesday; a week starting before the range is
    // not repeated inside it.
    expect(
      calendar.barTimestamps('1w', utc('2024-01-10T00:00:00Z'), utc('2024-01-20T00:00:00Z')),
    ).toEqual([utc('2024-01-16T14:30:00Z')]);
  });
});
