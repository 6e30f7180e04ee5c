import { calendarFor, lowerBound } from '@ktrdr/market-data';
import {
  type CachedTimes,
  type LoadPlanInput,
  planLoad,
  TAIL_DEFAULT_SPAN_MS,
} from './load-planner';

const NYSE = calendarFor('AAPL');
const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
/** Expected 1h bars of the NYSE calendar in [from, to]. */
const hourly = (from: string, to: string): number[] => NYSE.barTimestamps('1h', ms(from), ms(to));

/** A cache of these open times; `reads` records the windows the planner asked for. */
function cacheOf(t: number[], reads: [number, number][] = []): CachedTimes | null {
  if (t.length === 0) return null;
  return {
    first: t[0]!,
    last: t[t.length - 1]!,
    between: (fromMs, toMs) => {
      reads.push([fromMs, toMs]);
      return Promise.resolve(t.slice(lowerBound(t, fromMs), lowerBound(t, toMs + 1)));
    },
  };
}

async function plan(
  overrides: Partial<Omit<LoadPlanInput, 'cached'>> & { cached?: number[] },
  reads: [number, number][] = [],
) {
  const { cached = [], ...rest } = overrides;
  const result = await planLoad({
    mode: 'tail',
    timeframe: '1h',
    calendar: NYSE,
    cached: cacheOf(cached, reads),
    startMs: null,
    endMs: ms('2024-03-11T18:00:00Z'),
    headMs: ms('2015-01-02T14:30:00Z'),
    nowMs: ms('2024-03-11T18:00:00Z'),
    ...rest,
  });
  return { ...result, gapsIso: result.gaps.map((g) => [iso(g.startMs), iso(g.endMs), g.sessions]) };
}

describe('planLoad', () => {
  // Thursday 2024-03-07 fully cached (EST: session 14:30Z–21:00Z); "now" is Monday 18:00Z (EDT).
  const thursday = hourly('2024-03-07T00:00:00Z', '2024-03-07T23:59:00Z');

  it('tail: a Thursday-close → Monday load fetches Friday and Monday up to now', async () => {
    const result = await plan({ cached: thursday });
    expect(result.gapsIso).toEqual([
      ['2024-03-07T20:30:00.000Z', '2024-03-07T21:00:00.000Z', 1], // the last bar, again
      ['2024-03-08T14:30:00.000Z', '2024-03-11T18:00:00.000Z', 2],
    ]);
    expect(result.startMs).toBe(thursday[thursday.length - 1]);
    // Only Friday→Monday is a run of missing sessions; the refreshed last bar is an edge.
    expect(result.missingSessionRuns).toBe(1);
  });

  it('tail: fills the rest of the session holding the last cached bar, from that bar', async () => {
    const cached = hourly('2024-03-07T00:00:00Z', '2024-03-07T16:30:00Z');
    const result = await plan({
      cached,
      endMs: ms('2024-03-07T19:45:00Z'),
      nowMs: ms('2024-03-07T19:45:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-07T16:30:00.000Z', '2024-03-07T19:45:00.000Z', 1]]);
    expect(result.missingSessionRuns).toBe(0);
  });

  it('tail: a bar off the calendar grid after the last cached bar is not skipped', async () => {
    // IB stamps hourly bars 09:30 (a half hour), 10:00, 11:00… New York; the grid says 10:30.
    const result = await plan({
      cached: [ms('2024-03-07T14:30:00Z')],
      endMs: ms('2024-03-07T15:45:00Z'),
      nowMs: ms('2024-03-07T15:45:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T15:45:00.000Z', 1]]);
    expect(result.gaps[0]!.startMs).toBeLessThanOrEqual(ms('2024-03-07T15:00:00Z'));
  });

  it('tail: nothing to fetch when the end is before the last cached bar', async () => {
    const result = await plan({ cached: thursday, endMs: ms('2024-03-07T18:00:00Z') });
    expect(result.gaps).toEqual([]);
  });

  it('tail over years of cache reads cached times only near the last bar', async () => {
    const years = hourly('2016-01-01T00:00:00Z', '2024-03-07T23:59:00Z');
    const reads: [number, number][] = [];
    const result = await plan({ cached: years }, reads);
    expect(result.gapsIso).toEqual((await plan({ cached: thursday })).gapsIso);
    expect(reads.length).toBeGreaterThan(0);
    for (const [fromMs] of reads) expect(fromMs).toBeGreaterThan(ms('2024-01-01T00:00:00Z'));
  });

  it('tail without cache: the last 30 days, never after now', async () => {
    const nowMs = ms('2024-03-11T18:00:00Z');
    const recent = await plan({ nowMs, endMs: nowMs });
    expect(recent.startMs).toBe(nowMs - TAIL_DEFAULT_SPAN_MS);
    expect(recent.gaps.every((g) => g.endMs <= nowMs)).toBe(true);
    expect(recent.gaps.reduce((n, g) => n + g.sessions, 0)).toBe(20); // trading days from Mon Feb 12 (Feb 19 a holiday)
  });

  it.each(['tail', 'backfill', 'full'] as const)(
    '%s: an end after now is clamped to now (the same plan as ending now)',
    async (mode) => {
      const nowMs = ms('2024-03-11T18:00:00Z');
      const base = { mode, nowMs, startMs: ms('2024-03-01T00:00:00Z') };
      const far = await plan({ ...base, endMs: ms('2199-12-31T00:00:00Z') });
      expect(far.endMs).toBe(nowMs);
      expect(far.gapsIso).toEqual((await plan({ ...base, endMs: nowMs })).gapsIso);
      expect(far.gaps.length).toBeGreaterThan(0);
      const noCache = await plan({ mode, nowMs, endMs: ms('2199-12-31T00:00:00Z') });
      if (mode === 'tail') expect(noCache.startMs).toBe(nowMs - TAIL_DEFAULT_SPAN_MS);
      expect(noCache.gaps.every((g) => g.endMs <= nowMs)).toBe(true);
    },
  );

  it('backfill: from the head timestamp to the first cached bar by default', async () => {
    const headMs = ms('2024-03-05T14:30:00Z');
    const result = await plan({ mode: 'backfill', cached: thursday, headMs });
    expect(result.startMs).toBe(headMs);
    expect(result.gapsIso).toEqual([['2024-03-05T14:30:00.000Z', '2024-03-06T21:00:00.000Z', 2]]);
    expect(result.startClamped).toBeNull();
  });

  it('backfill: a start before the head timestamp is clamped and said so', async () => {
    const headMs = ms('2024-03-06T14:30:00Z');
    const result = await plan({
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

  it('backfill: fills the start of the session holding the first cached bar', async () => {
    const cached = hourly('2024-03-07T17:00:00Z', '2024-03-07T23:00:00Z');
    const result = await plan({ mode: 'backfill', cached, startMs: ms('2024-03-07T00:00:00Z') });
    expect(result.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T17:30:00.000Z', 1]]);
  });

  it('backfill ending before the cache fetches nothing after its end', async () => {
    const cached = hourly('2024-03-07T17:00:00Z', '2024-03-07T23:00:00Z');
    const result = await plan({
      mode: 'backfill',
      cached,
      startMs: ms('2024-03-05T00:00:00Z'),
      endMs: ms('2024-03-06T00:00:00Z'),
    });
    expect(result.gapsIso).toEqual([['2024-03-05T14:30:00.000Z', '2024-03-05T21:00:00.000Z', 1]]);
    const sameDay = await plan({
      mode: 'backfill',
      cached,
      startMs: ms('2024-03-07T00:00:00Z'),
      endMs: ms('2024-03-07T15:00:00Z'),
    });
    expect(sameDay.gapsIso).toEqual([['2024-03-07T14:30:00.000Z', '2024-03-07T15:00:00.000Z', 1]]);
  });

  it('backfill without a start when the provider has no head timestamp fails with NO_DATA', async () => {
    await expect(plan({ mode: 'backfill', headMs: null })).rejects.toMatchObject({
      code: 'NO_DATA',
    });
  });

  it('full: missing sessions inside the range plus both edges, in order', async () => {
    // Mon 4 cached from 16:30Z, Thu 7 up to 18:30Z; Tue 5, Wed 6 and Fri 8 missing.
    const cached = [
      ...hourly('2024-03-04T16:30:00Z', '2024-03-04T23:00:00Z'),
      ...hourly('2024-03-07T00:00:00Z', '2024-03-07T18:30:00Z'),
    ];
    const result = await plan({
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

  it('never calls weekends or holidays gaps', async () => {
    // Good Friday 2024-03-29 is an NYSE holiday: Thursday 28 → Monday April 1 has no gap.
    const cached = [
      ...hourly('2024-03-28T00:00:00Z', '2024-03-28T23:00:00Z'),
      ...hourly('2024-04-01T00:00:00Z', '2024-04-01T23:00:00Z'),
    ];
    const result = await plan({
      mode: 'full',
      cached,
      startMs: ms('2024-03-28T00:00:00Z'),
      endMs: ms('2024-04-02T00:00:00Z'),
      nowMs: ms('2024-05-01T00:00:00Z'),
    });
    // Only the last cached bar is fetched again; no holiday or weekend gap.
    expect(result.gapsIso).toEqual([['2024-04-01T19:30:00.000Z', '2024-04-01T20:00:00.000Z', 1]]);
  });

  it('local: fetches nothing and reports the requested window', async () => {
    const result = await plan({
      mode: 'local',
      cached: thursday,
      startMs: ms('2024-03-01T00:00:00Z'),
    });
    expect(result.gaps).toEqual([]);
    expect(result.startMs).toBe(ms('2024-03-01T00:00:00Z'));
    expect(result.startClamped).toBeNull();
  });
});
