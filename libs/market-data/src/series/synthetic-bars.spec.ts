import { calendarFor } from '../calendar/calendar-for';
import { TIMEFRAMES } from '../timeframes';
import { sliceByTime } from './bar-series';
import { validateBars } from './bar-validation';
import { generateSyntheticBars, SYNTHETIC_HEAD_TIMESTAMP } from './synthetic-bars';

const utc = (iso: string) => Date.parse(iso);

describe('generateSyntheticBars', () => {
  it('is deterministic per symbol and differs between symbols and seeds', () => {
    const from = utc('2024-03-01T00:00:00Z');
    const to = utc('2024-03-08T00:00:00Z');
    const a = generateSyntheticBars('AAPL', '1h', from, to);
    expect(generateSyntheticBars('aapl', '1h', from, to)).toEqual(a);
    expect(generateSyntheticBars('MSFT', '1h', from, to).c).not.toEqual(a.c);
    expect(generateSyntheticBars('AAPL', '1h', from, to, { seed: 42 }).c).not.toEqual(a.c);
  });

  it('gives the same bar for the same timestamp whatever range is asked', () => {
    const long = generateSyntheticBars(
      'EUR.USD',
      '5m',
      utc('2024-03-01T00:00:00Z'),
      utc('2024-03-20T00:00:00Z'),
    );
    const from = utc('2024-03-11T10:07:00Z');
    const to = utc('2024-03-13T00:00:00Z');
    expect(generateSyntheticBars('EUR.USD', '5m', from, to)).toEqual(sliceByTime(long, from, to));
  });

  it.each(TIMEFRAMES)('sits exactly on the calendar and passes validation (%s)', (tf) => {
    for (const symbol of ['AAPL', 'EUR.USD', 'USD.JPY']) {
      const calendar = calendarFor(symbol);
      const from = utc(
        tf === '1w' || tf === '1d' ? '2020-01-01T00:00:00Z' : '2024-02-26T00:00:00Z',
      );
      const to = utc('2024-03-15T00:00:00Z');
      const bars = generateSyntheticBars(symbol, tf, from, to);
      const expected = calendar.barTimestamps(tf, from, to);
      // Cheaper than toEqual on tens of thousands of numbers.
      expect(bars.t.length).toBe(expected.length);
      expect(bars.t.findIndex((t, i) => t !== expected[i])).toBe(-1);
      const result = validateBars(bars, { calendar, fromMs: bars.t[0], toMs: to, timeframe: tf });
      expect(result.issues).toEqual([]);
    }
  });

  it('has plausible price levels and volumes', () => {
    const stock = generateSyntheticBars(
      'AAPL',
      '1d',
      utc('2015-01-01T00:00:00Z'),
      utc('2025-01-01T00:00:00Z'),
    );
    expect(Math.min(...stock.l)).toBeGreaterThan(1);
    expect(Math.max(...stock.h)).toBeLessThan(5000);
    expect(stock.c.every((c) => Math.round(c * 100) / 100 === c)).toBe(true);
    expect(stock.v.every((v) => Number.isInteger(v) && v > 0)).toBe(true);
    const fx = generateSyntheticBars(
      'EUR.USD',
      '1d',
      utc('2024-01-01T00:00:00Z'),
      utc('2024-02-01T00:00:00Z'),
    );
    expect(Math.min(...fx.l)).toBeGreaterThan(0.1);
    expect(Math.max(...fx.h)).toBeLessThan(10);
  });

  it('starts at the head timestamp and returns nothing for an empty range', () => {
    const bars = generateSyntheticBars(
      'AAPL',
      '1d',
      utc('2010-01-01T00:00:00Z'),
      utc('2015-01-10T00:00:00Z'),
    );
    expect(bars.t[0]).toBe(utc('2015-01-02T14:30:00Z'));
    expect(bars.t[0]!).toBeGreaterThanOrEqual(SYNTHETIC_HEAD_TIMESTAMP);
    expect(
      generateSyntheticBars('AAPL', '1d', utc('2012-01-01T00:00:00Z'), utc('2013-01-01T00:00:00Z'))
        .t,
    ).toEqual([]);
    expect(
      generateSyntheticBars('AAPL', '1h', utc('2024-07-06T00:00:00Z'), utc('2024-07-07T00:00:00Z'))
        .t,
    ).toEqual([]);
  });

  it('stops at 13:00 New York on early-close days and skips one-off closures', () => {
    const day = (date: string, tf: '1m' | '1h') =>
      generateSyntheticBars('AAPL', tf, utc(`${date}T00:00:00Z`), utc(`${date}T23:59:00Z`)).t;
    const minutes = day('2024-12-24', '1m');
    expect(minutes).toHaveLength(210); // 09:30–12:59
    expect(minutes[minutes.length - 1]).toBe(utc('2024-12-24T17:59:00Z'));
    expect(day('2024-12-24', '1h').map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '14:30',
      '15:30',
      '16:30',
      '17:30',
    ]);
    expect(day('2018-12-05', '1h')).toEqual([]);
  });
});
