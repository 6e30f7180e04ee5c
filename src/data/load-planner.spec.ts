import { calendarFor } from '@ktrdr/market-data';
import { type LoadPlanInput, planLoad, TAIL_DEFAULT_SPAN_MS } from './load-planner';

const NYSE = calendarFor('AAPL');
const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
/** Expected 1h bars of the NYSE calendar in [from, to]. */
const hourly = (from: string, to: string): number[] => NYSE.barTimestamps('1h', ms(from), ms(to));

function plan(overrides: Partial<LoadPlanInput>) {
  const result = planLoad({
    mode: 'tail',
    timeframe: '1h',
    calendar: NYSE,
    cached: [],
    startMs: null,
    endMs: ms('2024-03-11T18:00:00Z'),
    headMs: ms('2015-01-02T14:30:00Z'),
    nowMs: ms('2024-03-11T18:00:00Z'),
    ...overrides,
  });
  return { ...result, gapsIso: result.gaps.map((g) => [iso(g.startMs), iso(g.endMs), g.sessions]) };
}

describe('planLoad', () => {
  // Thursday 2024-03-07 fully cached (EST: session 14:30Z–21:00Z); "now" is Monday 18:00Z (EDT).
  const thursday = hourly('2024-03-07T00:00:00Z', '2024-03-07T23:59:00Z');

  it('tail: a Thursday-close → Monday load fetches Friday and Monday up to now', () => {
    const result = plan({ cached: thursday });
    expect(result.gapsIso).toEqual([
      ['2024-03-07T20:30:00.000Z', '2024-03-07T21:00:00.000Z', 1], // the last bar, again
      ['2024-03-08T14:30:00.000Z', '2024-03-11T18:00:00.000Z', 2],
    ]);
    expect(result.startMs).toBe(thursday[thursday.length - 1]);
    // Only Friday→Monday is a run of missing sessions; the refreshed last bar is an edge.
    expect(result.missingSessionRuns).toBe(1);
  });

  it('tail: fills the rest of the session holding the last cached bar, from that bar', () => {
    const cached = hourly('2024-03-07T00:00:00Z', '2024-03-07T16:30:00Z');
    const result = plan({
      cached,
      endMs: ms('2024-03-07T19:45:00Z'),
      nowMs: ms('2024-03-07T19:45:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-07T16:30:00.000Z', '2024-03-07T19:45:00.000Z', 1]]);
    expect(result.missingSessionRuns).toBe(0);
  });

  it('tail: a bar off the calendar grid after the last cached bar is not skipped', () => {
    // IB stamps hourly bars 09:30 (a half hour), 10:00, 11:00… New York; the grid says 10:30.
    const result = plan({
      cached: [ms('2024-03-07T14:30:00Z')],
      endMs: ms('2024-03-07T15:45:00Z'),
      nowMs: ms('2024-03-07T15:45:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T15:45:00.000Z', 1]]);
    expect(result.gaps[0]!.startMs).toBeLessThanOrEqual(ms('2024-03-07T15:00:00Z'));
  });

  it('tail: nothing to fetch when the end is before the last cached bar', () => {
    const result = plan({ cached: thursday, endMs: ms('2024-03-07T18:00:00Z') });
    expect(result.gaps).toEqual([]);
  });

  it('tail without cache: the last 30 days, never after now', () => {
    const nowMs = ms('2024-03-11T18:00:00Z');
    const recent = plan({ nowMs, endMs: nowMs });
    expect(recent.startMs).toBe(nowMs - TAIL_DEFAULT_SPAN_MS);
    expect(recent.gaps.every((g) => g.endMs <= nowMs)).toBe(true);
    expect(recent.gaps.reduce((n, g) => n + g.sessions, 0)).toBe(20); // trading days from Mon Feb 12 (Feb 19 a holiday)
  });

  it.each(['tail', 'backfill', 'full'] as const)(
    '%s: an end after now is clamped to now (the same plan as ending now)',
    (mode) => {
      const nowMs = ms('2024-03-11T18:00:00Z');
      const base = { mode, nowMs, startMs: ms('2024-03-01T00:00:00Z') };
      const far = plan({ ...base, endMs: ms('2199-12-31T00:00:00Z') });
      expect(far.endMs).toBe(nowMs);
      expect(far.gapsIso).toEqual(plan({ ...base, endMs: nowMs }).gapsIso);
      expect(far.gaps.length).toBeGreaterThan(0);
      const noCache = plan({ mode, nowMs, endMs: ms('2199-12-31T00:00:00Z') });
      if (mode === 'tail') expect(noCache.startMs).toBe(nowMs - TAIL_DEFAULT_SPAN_MS);
      expect(noCache.gaps.every((g) => g.endMs <= nowMs)).toBe(true);
    },
  );

  it('backfill: from the head timestamp to the first cached bar by default', () => {
    const headMs = ms('2024-03-05T14:30:00Z');
    const result = plan({ mode: 'backfill', cached: thursday, headMs });
    expect(result.startMs).toBe(headMs);
    expect(result.gapsIso).toEqual([['2024-03-05T14:30:00.000Z', '2024-03-06T21:00:00.000Z', 2]]);
    expect(result.startClamped).toBeNull();
  });

  it('backfill: a start before the head timestamp is clamped and said so', () => {
    const headMs = ms('2024-03-06T14:30:00Z');
    const result = plan({
      mode: 'backfill',
      cached: thursday,
      headMs,
      startMs: ms('2020-01-01T00:00:00Z'),
    });
    expect(result.startClamped).toEqual({
      requestedMs: ms('2020-01-01T00:00:00Z'),
      clampedToMs: headMs,
    });
    expect(result.warnings[0]).toMatch(/clamped to 2024-03-06T14:30:00.000Z/);
    expect(result.gapsIso).toEqual([['2024-03-06T14:30:00.000Z', '2024-03-06T21:00:00.000Z', 1]]);
  });

  it('backfill: fills the start of the session holding the first cached bar', () => {
    const cached = hourly('2024-03-07T17:00:00Z', '2024-03-07T23:00:00Z');
    const result = plan({ mode: 'backfill', cached, startMs: ms('2024-03-07T00:00:00Z') });
    expect(result.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T17:30:00.000Z', 1]]);
  });

  it('backfill ending before the cache fetches nothing after its end', () => {
    const cached = hourly('2024-03-07T17:00:00Z', '2024-03-07T23:00:00Z');
    const result = plan({
      mode: 'backfill',
      cached,
      startMs: ms('2024-03-05T00:00:00Z'),
      endMs: ms('2024-03-06T00:00:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-05T14:30:00.000Z', '2024-03-05T21:00:00.000Z', 1]]);
    const sameDay = plan({
      mode: 'backfill',
      cached,
      startMs: ms('2024-03-07T00:00:00Z'),
      endMs: ms('2024-03-07T15:00:00Z'),
    });
    expect(sameDay.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T15:00:00.000Z', 1]]);
  });

  it('backfill without a start when the provider has no head timestamp fails with NO_DATA', () => {
    expect(() => plan({ mode: 'backfill', headMs: null })).toThrow(
      expect.objectContaining({ code: 'NO_DATA' }) as Error,
    );
  });

  it('full: missing sessions inside the range plus both edges, in order', () => {
    // Mon 4 cached from 16:30Z, Thu 7 up to 18:30Z; Tue 5, Wed 6 and Fri 8 missing.
    const cached = [
      ...hourly('2024-03-04T16:30:00Z', '2024-03-04T23:00:00Z'),
      ...hourly('2024-03-07T00:00:00Z', '2024-03-07T18:30:00Z'),
    ];
    const result = plan({
      mode: 'full',
      cached,
      startMs: ms('2024-03-04T00:00:00Z'),
      endMs: ms('2024-03-09T00:00:00Z'),
    });
    expect(result.gapsIso).toEqual([
      ['2024-03-04T14:30:00.000Z', '2024-03-04T16:30:00.000Z', 1],
      ['2024-03-05T14:30:00.000Z', '2024-03-06T21:00:00.000Z', 2],
      ['2024-03-07T18:30:00.000Z', '2024-03-07T21:00:00.000Z', 1],
      ['2024-03-08T14:30:00.000Z', '2024-03-08T21:00:00.000Z', 1],
    ]);
  });

  it('never calls weekends or holidays gaps', () => {
    // Good Friday 2024-03-29 is an NYSE holiday: Thursday 28 → Monday April 1 has no gap.
    const cached = [
      ...hourly('2024-03-28T00:00:00Z', '2024-03-28T23:00:00Z'),
      ...hourly('2024-04-01T00:00:00Z', '2024-04-01T23:00:00Z'),
    ];
    const result = plan({
      mode: 'full',
      cached,
      startMs: ms('2024-03-28T00:00:00Z'),
      endMs: ms('2024-04-02T00:00:00Z'),
      nowMs: ms('2024-05-01T00:00:00Z'),
    });
    // Only the last cached bar is fetched again; no holiday or weekend gap.
    expect(result.gapsIso).toEqual([['2024-04-01T19:30:00.000Z', '2024-04-01T20:00:00.000Z', 1]]);
  });

  it('local: fetches nothing and reports the requested window', () => {
    const result = plan({ mode: 'local', cached: thursday, startMs: ms('2024-03-01T00:00:00Z') });
    expect(result.gaps).toEqual([]);
    expect(result.startMs).toBe(ms('2024-03-01T00:00:00Z'));
    expect(result.startClamped).toBeNull();
  });
});
