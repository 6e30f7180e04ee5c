import { NYSE_CALENDAR } from '../calendar/calendar-for';
import { seriesFromRows, type Bar } from './bar-series';
import { validateBars } from './bar-validation';

const utc = (iso: string) => Date.parse(iso);
const ok = (t: number, price = 100): Bar => ({
  t,
  o: price,
  h: price + 2,
  l: price - 2,
  c: price + 1,
  v: 1000,
});

describe('validateBars', () => {
  it('finds nothing wrong with good bars', () => {
    const result = validateBars(seriesFromRows([ok(1), ok(2), ok(3)]));
    expect(result).toEqual({ issues: [], total_errors: 0, total_warnings: 0 });
  });

  it('counts each kind of bar problem', () => {
    const series = seriesFromRows([
      ok(1),
      { ...ok(2), h: 99 }, // high below max(open, close)
      { ...ok(3), l: 101.5 }, // low above min(open, close)
      { ...ok(4), o: 0 }, // non-positive price (and high/low still fine)
      { ...ok(5), v: -1 },
      { ...ok(6), c: Number.NaN },
      { ...ok(7), h: Number.POSITIVE_INFINITY },
      ok(9),
      ok(8), // descent
      ok(9), // duplicate
    ]);
    const result = validateBars(series);
    expect(result.issues).toEqual([
      { kind: 'non_finite_value', severity: 'error', count: 2 },
      { kind: 'non_positive_price', severity: 'error', count: 1 },
      { kind: 'negative_volume', severity: 'error', count: 1 },
      { kind: 'high_below_open_close', severity: 'error', count: 1 },
      { kind: 'low_above_open_close', severity: 'error', count: 2 },
      { kind: 'unsorted_timestamps', severity: 'error', count: 1 },
      { kind: 'duplicate_timestamps', severity: 'error', count: 1 },
    ]);
    expect(result.total_errors).toBe(9);
    expect(result.repaired).toBeUndefined();
  });

  it('repairs: drops, clamps, sorts, dedups, and says what it changed', () => {
    const series = seriesFromRows([
      ok(5),
      { ...ok(2), h: 99 },
      { ...ok(3), l: 101.5 },
      { ...ok(4), o: -1 },
      { ...ok(6), v: -1 },
      { ...ok(7), c: Number.NaN },
      { ...ok(5, 200) },
    ]);
    const { repaired, changes } = validateBars(series, { repair: true });
    expect(repaired!.t).toEqual([2, 3, 5, 6]);
    expect(repaired!.h[0]).toBe(101); // raised to max(open 100, close 101)
    expect(repaired!.l[1]).toBe(100); // lowered to min(open, close)
    expect(repaired!.o[2]).toBe(200); // last duplicate kept
    expect(repaired!.v[3]).toBe(0);
    expect(changes).toEqual([
      '1 bar with non-finite values dropped',
      '1 bar with a non-positive price dropped',
      '1 negative volume set to 0',
      '1 high raised to max(open, close)',
      '1 low lowered to min(open, close)',
      'bars sorted by timestamp',
      '1 duplicate timestamp removed (last kept)',
    ]);
    expect(validateBars(repaired!).total_errors).toBe(0);
  });

  it('warns about sessions left without bars in the range, with a calendar', () => {
    const days = NYSE_CALENDAR.barTimestamps(
      '1d',
      utc('2024-07-01T00:00:00Z'),
      utc('2024-07-12T23:00:00Z'),
    );
    const withHole = seriesFromRows(days.filter((_, i) => i !== 3 && i !== 4).map((t) => ok(t)));
    const result = validateBars(withHole, { calendar: NYSE_CALENDAR });
    expect(result.issues).toEqual([{ kind: 'session_gap', severity: 'warning', count: 2 }]);
    expect(result.total_warnings).toBe(2);
    expect(result.total_errors).toBe(0);
    const full = seriesFromRows(days.map((t) => ok(t)));
    const wider = validateBars(full, {
      calendar: NYSE_CALENDAR,
      fromMs: utc('2024-06-28T00:00:00Z'),
      toMs: utc('2024-07-12T23:00:00Z'),
    });
    expect(wider.issues).toEqual([{ kind: 'session_gap', severity: 'warning', count: 1 }]);
  });
});
