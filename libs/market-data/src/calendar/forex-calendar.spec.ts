import { calendarFor, FOREX_CALENDAR, NYSE_CALENDAR } from './calendar-for';

const utc = (iso: string) => Date.parse(iso);
const fx = FOREX_CALENDAR;

describe('ForexCalendar', () => {
  it('opens Sunday 17:00 New York and closes Friday 17:00 New York', () => {
    // Week of 2024-07-08: EDT, 17:00 New York = 21:00Z.
    const week = fx.sessions(utc('2024-07-06T00:00:00Z'), utc('2024-07-13T23:59:00Z'));
    expect(week.map((s) => s.date)).toEqual([
      '2024-07-08',
      '2024-07-09',
      '2024-07-10',
      '2024-07-11',
      '2024-07-12',
    ]);
    expect(week[0]!.openMs).toBe(utc('2024-07-07T21:00:00Z'));
    expect(week[4]!.closeMs).toBe(utc('2024-07-12T21:00:00Z'));
    for (let i = 1; i < week.length; i++) expect(week[i]!.openMs).toBe(week[i - 1]!.closeMs);
  });

  it('is closed on Saturday and opens on Sunday evening', () => {
    expect(fx.isOpen(utc('2024-07-06T12:00:00Z'))).toBe(false); // Saturday
    expect(fx.isOpen(utc('2024-07-07T20:59:00Z'))).toBe(false); // Sunday 16:59 NY
    expect(fx.isOpen(utc('2024-07-07T21:00:00Z'))).toBe(true); // Sunday 17:00 NY
    expect(fx.isOpen(utc('2024-07-10T03:00:00Z'))).toBe(true); // overnight
    expect(fx.isOpen(utc('2024-07-12T21:00:00Z'))).toBe(false); // Friday 17:00 NY
    expect(fx.sessionOn('2024-07-06')).toBeNull();
    expect(fx.sessionOn('2024-07-07')).toBeNull();
  });

  it('follows New York DST (22:00Z in winter)', () => {
    expect(fx.sessionOn('2024-01-08')?.openMs).toBe(utc('2024-01-07T22:00:00Z'));
  });

  it('has 24 hourly bars per session and trades through US holidays', () => {
    const session = fx.sessionOn('2024-07-04')!;
    expect(fx.barTimestamps('1h', session.openMs, session.closeMs - 1)).toHaveLength(24);
    expect(fx.barTimestamps('4h', session.openMs, session.closeMs - 1)).toHaveLength(6);
  });
});

describe('calendarFor', () => {
  it('picks forex for AAA.BBB pairs and NYSE for the rest', () => {
    expect(calendarFor('eur.usd')).toBe(FOREX_CALENDAR);
    expect(calendarFor('AAPL')).toBe(NYSE_CALENDAR);
    expect(calendarFor('BRK.B')).toBe(NYSE_CALENDAR);
    expect(() => calendarFor('../etc')).toThrow(
      expect.objectContaining({ code: 'INVALID_SYMBOL' }),
    );
  });
});
