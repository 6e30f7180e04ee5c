import { FOREX_CALENDAR, NYSE_CALENDAR } from '../calendar/calendar-for';
import { findMissingSessions } from './gap-finder';

const utc = (iso: string) => Date.parse(iso);
const nyse = NYSE_CALENDAR;
/** Hourly NYSE bar times of the given trading dates. */
const hourly = (...dates: string[]) =>
  dates.flatMap((d) => nyse.barTimestamps('1h', utc(`${d}T00:00:00Z`), utc(`${d}T23:59:59Z`)));
const iso = (ms: number) => new Date(ms).toISOString();

describe('findMissingSessions', () => {
  it('reports Friday for a Thursday-close → Monday tail (the original skipped it)', () => {
    const bars = hourly('2024-07-08', '2024-07-09', '2024-07-10', '2024-07-11');
    const lastBar = bars[bars.length - 1]!;
    const gaps = findMissingSessions(nyse, bars, lastBar, utc('2024-07-15T00:00:00Z'));
    expect(gaps).toEqual([
      { startMs: utc('2024-07-12T13:30:00Z'), endMs: utc('2024-07-12T20:00:00Z'), sessions: 1 },
    ]);
  });

  it('joins Friday and Monday into one run across the weekend', () => {
    const bars = hourly('2024-07-11');
    const gaps = findMissingSessions(
      nyse,
      bars,
      utc('2024-07-11T00:00:00Z'),
      utc('2024-07-15T23:00:00Z'),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.sessions).toBe(2);
    expect(iso(gaps[0]!.startMs)).toBe('2024-07-12T13:30:00.000Z');
    expect(iso(gaps[0]!.endMs)).toBe('2024-07-15T20:00:00.000Z');
  });

  it('never reports weekends, holidays or closed hours', () => {
    const weekend = findMissingSessions(
      nyse,
      [],
      utc('2024-07-06T00:00:00Z'),
      utc('2024-07-07T23:00:00Z'),
    );
    expect(weekend).toEqual([]);
    const night = findMissingSessions(
      nyse,
      [],
      utc('2024-07-10T21:00:00Z'),
      utc('2024-07-11T12:00:00Z'),
    );
    expect(night).toEqual([]);
    const bars = hourly('2024-07-03', '2024-07-05');
    expect(
      findMissingSessions(nyse, bars, utc('2024-07-03T00:00:00Z'), utc('2024-07-05T23:00:00Z')),
    ).toEqual([]);
  });

  it('ends early-close sessions at 13:00 New York: nothing after it is missing', () => {
    // 2024-07-03 closed at 13:00 New York = 17:00Z; 2024-11-29 too, 18:00Z in winter time.
    const cases = [
      { day: '2024-07-03', close: '17:00', last1h: '16:30', last1m: '16:59' },
      { day: '2024-11-29', close: '18:00', last1h: '17:30', last1m: '17:59' },
    ];
    for (const { day, close, last1h, last1m } of cases) {
      const from = utc(`${day}T00:00:00Z`);
      const to = utc(`${day}T23:59:00Z`);
      const closeMs = utc(`${day}T${close}:00Z`);
      for (const [tf, last] of [
        ['1h', last1h],
        ['1m', last1m],
      ] as const) {
        const bars = nyse.barTimestamps(tf, from, to);
        expect(iso(bars[bars.length - 1]!)).toBe(`${day}T${last}:00.000Z`);
        expect(findMissingSessions(nyse, bars, from, to)).toEqual([]);
      }
      // No bar at all after the early close is still no gap; the whole day ends at the close.
      expect(findMissingSessions(nyse, [], closeMs, to)).toEqual([]);
      expect(findMissingSessions(nyse, [], from, to)).toEqual([
        { startMs: nyse.sessionOn(day)!.openMs, endMs: closeMs, sessions: 1 },
      ]);
    }
  });

  it('keeps one-session gaps and reports every run separately', () => {
    const bars = hourly('2024-07-01', '2024-07-03', '2024-07-05', '2024-07-10');
    const gaps = findMissingSessions(
      nyse,
      bars,
      utc('2024-07-01T00:00:00Z'),
      utc('2024-07-10T23:00:00Z'),
    );
    expect(gaps.map((g) => [iso(g.startMs).slice(0, 10), g.sessions])).toEqual([
      ['2024-07-02', 1],
      ['2024-07-08', 2],
    ]);
  });

  it('reports a whole empty range as one run with its session count', () => {
    const gaps = findMissingSessions(
      nyse,
      [],
      utc('2024-01-01T00:00:00Z'),
      utc('2024-12-31T23:59:00Z'),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.sessions).toBe(252); // NYSE 2024 trading days
  });

  it('counts a partial first session covered by any of its bars and clips gaps to the range', () => {
    const bars = [utc('2024-07-10T13:30:00Z')];
    const from = utc('2024-07-10T17:00:00Z');
    expect(findMissingSessions(nyse, bars, from, utc('2024-07-10T23:00:00Z'))).toEqual([]);
    const gaps = findMissingSessions(nyse, [], from, utc('2024-07-11T15:00:00Z'));
    expect(gaps).toEqual([{ startMs: from, endMs: utc('2024-07-11T15:00:00Z'), sessions: 2 }]);
  });

  it('accepts daily bars stamped at the open, at midnight UTC or at midnight New York', () => {
    const from = utc('2024-07-08T00:00:00Z');
    const to = utc('2024-07-12T23:00:00Z');
    const atOpen = nyse.barTimestamps('1d', from, to);
    const midnightUtc = ['08', '09', '10', '11', '12'].map((d) => utc(`2024-07-${d}T00:00:00Z`));
    const midnightNy = ['08', '09', '10', '11', '12'].map((d) => utc(`2024-07-${d}T04:00:00Z`));
    for (const bars of [atOpen, midnightUtc, midnightNy]) {
      expect(findMissingSessions(nyse, bars, from, to)).toEqual([]);
    }
    expect(findMissingSessions(nyse, midnightUtc.slice(0, 4), from, to)).toHaveLength(1);
  });

  it('lets one weekly bar cover its week', () => {
    const from = utc('2024-07-01T00:00:00Z');
    const to = utc('2024-07-26T23:00:00Z');
    const weekly = nyse.barTimestamps('1w', from, to); // 4 weeks
    expect(findMissingSessions(nyse, weekly, from, to, { timeframe: '1w' })).toEqual([]);
    const missingSecond = [weekly[0]!, weekly[2]!, weekly[3]!];
    const gaps = findMissingSessions(nyse, missingSecond, from, to, { timeframe: '1w' });
    expect(gaps).toEqual([
      { startMs: utc('2024-07-08T13:30:00Z'), endMs: utc('2024-07-12T20:00:00Z'), sessions: 5 },
    ]);
    // A range starting mid-week is covered by the bar stamped at that week's Monday.
    const midWeek = utc('2024-07-10T00:00:00Z');
    expect(findMissingSessions(nyse, weekly, midWeek, to, { timeframe: '1w' })).toEqual([]);
  });

  it('uses the forex calendar: Saturday is no gap, a missing Friday is', () => {
    const fx = FOREX_CALENDAR;
    const from = utc('2024-07-08T00:00:00Z');
    const to = utc('2024-07-15T12:00:00Z');
    const bars = fx
      .barTimestamps('1h', from, to)
      .filter((t) => t < utc('2024-07-11T21:00:00Z') || t >= utc('2024-07-14T21:00:00Z'));
    const gaps = findMissingSessions(fx, bars, from, to);
    expect(gaps).toEqual([
      { startMs: utc('2024-07-11T21:00:00Z'), endMs: utc('2024-07-12T21:00:00Z'), sessions: 1 },
    ]);
  });
});
