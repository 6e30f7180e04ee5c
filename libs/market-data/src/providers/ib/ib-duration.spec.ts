import { IB_BAR_SIZES, ibDuration, ibEndDateTime, parseIbTime } from './ib-duration';

const T0 = Date.UTC(2024, 0, 2, 14, 30);
const MIN = 60_000;
const DAY = 86_400_000;

describe('IB bar sizes', () => {
  it('maps every timeframe to the documented bar size string', () => {
    expect(IB_BAR_SIZES).toEqual({
      '1m': '1 min',
      '5m': '5 mins',
      '15m': '15 mins',
      '30m': '30 mins',
      '1h': '1 hour',
      '4h': '4 hours',
      '1d': '1 day',
      '1w': '1 week',
    });
  });
});

describe('ibDuration', () => {
  it('uses seconds for intraday spans up to a day, at least 30 S', () => {
    expect(ibDuration(T0, T0 + 10_000, '1m')).toBe('30 S');
    expect(ibDuration(T0, T0 + 390 * MIN, '1m')).toBe('23400 S');
    expect(ibDuration(T0, T0 + 390 * MIN + 1, '5m')).toBe('23401 S');
    expect(ibDuration(T0, T0 + DAY, '1h')).toBe('86400 S');
  });

  it('uses days beyond a day, and for daily and weekly bars', () => {
    expect(ibDuration(T0, T0 + DAY + 1000, '5m')).toBe('2 D');
    expect(ibDuration(T0, T0 + 7 * DAY, '5m')).toBe('7 D');
    expect(ibDuration(T0, T0 + 30 * DAY, '1h')).toBe('30 D');
    expect(ibDuration(T0, T0 + 3600_000, '1d')).toBe('1 D');
    expect(ibDuration(T0, T0 + 365 * DAY, '1d')).toBe('365 D');
  });

  it('uses years beyond 365 days, rounding up', () => {
    expect(ibDuration(T0, T0 + 366 * DAY, '1d')).toBe('2 Y');
    expect(ibDuration(T0, T0 + 730 * DAY, '1w')).toBe('2 Y');
    expect(ibDuration(T0, T0 + 731 * DAY, '1w')).toBe('3 Y');
  });

  it('only ever produces documented units', () => {
    const spans = [1, 29_000, 86_400_000, 86_400_001, 40 * DAY, 400 * DAY, 2000 * DAY];
    for (const tf of Object.keys(IB_BAR_SIZES) as (keyof typeof IB_BAR_SIZES)[]) {
      for (const span of spans) expect(ibDuration(T0, T0 + span, tf)).toMatch(/^\d+ [SDWMY]$/);
    }
  });
});

describe('ibEndDateTime', () => {
  it('formats UTC as YYYYMMDD-HH:mm:ss', () => {
    expect(ibEndDateTime(Date.UTC(2024, 0, 31, 16, 5, 9))).toBe('20240131-16:05:09');
    expect(ibEndDateTime(Date.UTC(2023, 11, 1))).toBe('20231201-00:00:00');
  });
});

describe('parseIbTime', () => {
  it('reads epoch seconds as UTC epoch ms', () => {
    expect(parseIbTime('1704205800')).toBe(Date.UTC(2024, 0, 2, 14, 30));
  });

  it('returns a bare date for daily bars', () => {
    expect(parseIbTime('20240102')).toEqual({ date: '2024-01-02' });
  });

  it('refuses zoned strings instead of guessing their zone', () => {
    expect(() => parseIbTime('20240102 09:30:00 US/Eastern')).toThrow(/Unrecognised IB time/);
    expect(() => parseIbTime('finished')).toThrow(RangeError);
  });
});
