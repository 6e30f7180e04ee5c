import { DAY_MS } from '../calendar/civil-date';
import { FOREX_CALENDAR, NYSE_CALENDAR } from '../calendar/calendar-for';
import { TIMEFRAMES } from '../timeframes';
import { findMissingSessions, type Gap } from './gap-finder';
import { IB_MAX_SPAN_MS, planSegments, type Segment } from './segmenter';

const utc = (iso: string) => Date.parse(iso);

describe('IB_MAX_SPAN_MS', () => {
  it('follows the IB span table', () => {
    expect(Object.fromEntries(TIMEFRAMES.map((tf) => [tf, IB_MAX_SPAN_MS[tf] / DAY_MS]))).toEqual({
      '1m': 1,
      '5m': 7,
      '15m': 14,
      '30m': 30,
      '1h': 30,
      '4h': 120,
      '1d': 365,
      '1w': 730,
    });
  });
});

describe('planSegments without a calendar', () => {
  it('cuts a gap into contiguous pieces no longer than the span', () => {
    const gap: Gap = {
      startMs: utc('2024-01-01T00:00:00Z'),
      endMs: utc('2024-01-10T12:00:00Z'),
      sessions: 7,
    };
    const segments = planSegments([gap], '1m');
    expect(segments).toHaveLength(10);
    expect(segments[0]!.startMs).toBe(gap.startMs);
    expect(segments[segments.length - 1]!.endMs).toBe(gap.endMs);
    segments.forEach((s, i) => {
      expect(s.endMs - s.startMs).toBeGreaterThan(0);
      expect(s.endMs - s.startMs).toBeLessThanOrEqual(DAY_MS);
      if (i > 0) expect(s.startMs).toBe(segments[i - 1]!.endMs);
    });
  });

  it('skips empty gaps and refuses a non-positive span', () => {
    expect(planSegments([{ startMs: 5, endMs: 5, sessions: 0 }], '1h')).toEqual([]);
    expect(() => planSegments([], '1h', 0)).toThrow(RangeError);
  });
});

describe('planSegments with the calendar', () => {
  it('requests only trading time: a Friday + Monday 1m gap is two one-session requests', () => {
    const from = utc('2024-07-12T00:00:00Z');
    const to = utc('2024-07-15T23:00:00Z');
    const gaps = findMissingSessions(NYSE_CALENDAR, [], from, to);
    expect(planSegments(gaps, '1m', undefined, NYSE_CALENDAR)).toEqual([
      { startMs: utc('2024-07-12T13:30:00Z'), endMs: utc('2024-07-12T20:00:00Z') },
      { startMs: utc('2024-07-15T13:30:00Z'), endMs: utc('2024-07-15T20:00:00Z') },
    ]);
  });

  it('packs several sessions into one request when the span allows', () => {
    const gaps = findMissingSessions(
      NYSE_CALENDAR,
      [],
      utc('2024-07-01T00:00:00Z'),
      utc('2024-07-31T23:00:00Z'),
    );
    const segments = planSegments(gaps, '5m', undefined, NYSE_CALENDAR);
    // 22 sessions in July 2024, 7-day spans starting at a session open: 5 requests.
    expect(segments).toHaveLength(5);
    // Jul 1 13:30Z → Jul 31 20:00Z is just over 30 days: two 1h requests.
    expect(planSegments(gaps, '1h', undefined, NYSE_CALENDAR)).toEqual([
      { startMs: utc('2024-07-01T13:30:00Z'), endMs: utc('2024-07-30T20:00:00Z') },
      { startMs: utc('2024-07-31T13:30:00Z'), endMs: utc('2024-07-31T20:00:00Z') },
    ]);
  });

  it('cuts a session longer than the span', () => {
    const session = FOREX_CALENDAR.sessionOn('2024-07-10')!;
    const gap: Gap = { startMs: session.openMs, endMs: session.closeMs, sessions: 1 };
    const segments = planSegments([gap], '1m', 6 * 3_600_000, FOREX_CALENDAR);
    expect(segments).toHaveLength(4);
    expect(segments[3]!.endMs).toBe(session.closeMs);
  });

  it.each(TIMEFRAMES)('covers every session of a long gap exactly once (%s)', (tf) => {
    const from = utc('2022-01-01T00:00:00Z');
    const to = utc('2024-12-31T23:00:00Z');
    const gaps = findMissingSessions(NYSE_CALENDAR, [], from, to);
    const segments = planSegments(gaps, tf, undefined, NYSE_CALENDAR);
    const max = IB_MAX_SPAN_MS[tf];
    segments.forEach((s: Segment, i) => {
      expect(s.endMs - s.startMs).toBeGreaterThan(0);
      expect(s.endMs - s.startMs).toBeLessThanOrEqual(max);
      expect(NYSE_CALENDAR.sessions(s.startMs, s.endMs - 1).length).toBeGreaterThan(0);
      if (i > 0) expect(s.startMs).toBeGreaterThanOrEqual(segments[i - 1]!.endMs);
    });
    for (const session of NYSE_CALENDAR.sessions(from, to)) {
      const holders = segments.filter(
        (s) => s.startMs <= session.openMs && session.closeMs <= s.endMs,
      );
      expect(holders).toHaveLength(1);
    }
  });
});
