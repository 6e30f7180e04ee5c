import {
  findMissingSessions,
  type Gap,
  type LoadMode,
  NoDataError,
  type Timeframe,
  type TradingCalendar,
} from '@ktrdr/market-data';

/** A tail load with nothing cached fetches this much history. */
export const TAIL_DEFAULT_SPAN_MS = 30 * 86_400_000;

/**
 * Cached bars this far around a searched range can decide whether a session in it is covered
 * (a bar in the closed hours up to 14 days before a session counts for it, a weekly bar may
 * open a week before; a session ending after the range may hold a bar after it).
 */
const COVERAGE_MARGIN_MS = 22 * 86_400_000;

/**
 * What the planner needs of the cache, without reading every bar: its first and last bar,
 * and the open times of the bars in one window (the store reads only that part of the file).
 */
export interface CachedTimes {
  first: number;
  last: number;
  /** Open times of the cached bars with `fromMs <= t <= toMs`, sorted ascending. */
  between(fromMs: number, toMs: number): Promise<readonly number[]>;
}

export interface LoadPlanInput {
  mode: LoadMode;
  timeframe: Timeframe;
  calendar: TradingCalendar;
  /** The cached series (null: nothing cached). */
  cached: CachedTimes | null;
  /** Requested start, null when not given. */
  startMs: number | null;
  /** Requested end (already defaulted to now). */
  endMs: number;
  /** The provider's earliest bar, null when unknown (local mode asks no provider). */
  headMs: number | null;
  nowMs: number;
}

export interface LoadPlan {
  /** Start of the range the load covers (null: a local read without start or cache). */
  startMs: number | null;
  endMs: number;
  startClamped: { requestedMs: number; clampedToMs: number } | null;
  /** What to fetch, chronological and non-overlapping: the gaps plus the cache's edges. */
  gaps: Gap[];
  /** Runs of missing trading sessions (the result's `gaps_found`; edges are not gaps). */
  missingSessionRuns: number;
  warnings: string[];
}

/**
 * Decides what a load fetches (data.md, "Load modes" and "Gaps"): the missing trading
 * sessions of the mode's range, plus the unfilled edge of the session holding the first or
 * last cached bar (the gap finder counts a session with any bar as present). Never asks for
 * anything after `now`: the end of a fetching load is clamped to it. Reads cached times only
 * around the ranges it searches (a tail over years of cache reads a few days of it).
 */
export async function planLoad(input: LoadPlanInput): Promise<LoadPlan> {
  const { mode, cached, nowMs } = input;
  const warnings: string[] = [];
  const first = cached?.first;
  const last = cached?.last;
  // A fetching load covers nothing after now (no bar exists there): an end in 2199 plans, and
  // reports, the same as now. A local read keeps the requested window (imported bars may lie
  // anywhere).
  const endMs = mode === 'local' ? input.endMs : Math.min(input.endMs, nowMs);
  const fetchEnd = endMs;
  const clamp = clampToHead(input, warnings);
  const plan = async (
    startMs: number | null,
    gaps: Promise<Gap[]>,
    edges: Gap[] = [],
  ): Promise<LoadPlan> => plainPlan(startMs, await gaps, edges);
  const plainPlan = (startMs: number | null, gaps: Gap[], edges: Gap[]): LoadPlan => ({
    startMs,
    endMs,
    startClamped: clamp.clamped,
    gaps: normalizeGaps([...gaps, ...edges]),
    missingSessionRuns: normalizeGaps(gaps).length,
    warnings,
  });

  switch (mode) {
    case 'local':
      return plainPlan(input.startMs ?? first ?? null, [], []);
    case 'tail': {
      if (last === undefined) {
        const from = atLeast(clamp.startMs ?? endMs - TAIL_DEFAULT_SPAN_MS, input.headMs);
        return plan(from, missing(input, from, fetchEnd));
      }
      return plan(last, missing(input, last + 1, fetchEnd), tailEdge(input, last, fetchEnd));
    }
    case 'backfill': {
      const from = requireStart(clamp.startMs, input);
      if (first === undefined) return plan(from, missing(input, from, fetchEnd));
      const to = Math.min(first - 1, fetchEnd);
      return plan(from, missing(input, from, to), headEdge(input, first, from, fetchEnd));
    }
    case 'full': {
      const from = requireStart(clamp.startMs, input);
      const edges = [
        ...(first !== undefined && first >= from ? headEdge(input, first, from, fetchEnd) : []),
        ...(last !== undefined && last <= fetchEnd ? tailEdge(input, last, fetchEnd) : []),
      ];
      return plan(from, missing(input, from, fetchEnd), edges);
    }
    default: {
      const unreachable: never = mode;
      return unreachable;
    }
  }
}

function requireStart(startMs: number | null, input: LoadPlanInput): number {
  const from = startMs ?? input.headMs;
  if (from === null) {
    // backfill/full without a start and a provider without a head timestamp: nothing to aim at
    throw new NoDataError(
      `The provider reports no ${input.timeframe} data for this symbol; give a start date`,
    );
  }
  return from;
}

function clampToHead(
  input: LoadPlanInput,
  warnings: string[],
): { startMs: number | null; clamped: LoadPlan['startClamped'] } {
  const { startMs, headMs, mode } = input;
  if (mode === 'local' || startMs === null || headMs === null || startMs >= headMs) {
    return { startMs, clamped: null };
  }
  warnings.push(
    `start ${iso(startMs)} is earlier than the provider's first bar: clamped to ${iso(headMs)}`,
  );
  return { startMs: headMs, clamped: { requestedMs: startMs, clampedToMs: headMs } };
}

function atLeast(ms: number, floor: number | null): number {
  return floor === null ? ms : Math.max(ms, floor);
}

async function missing(input: LoadPlanInput, fromMs: number, toMs: number): Promise<Gap[]> {
  if (!(fromMs < toMs)) return [];
  const times = input.cached
    ? await input.cached.between(fromMs - COVERAGE_MARGIN_MS, toMs + COVERAGE_MARGIN_MS)
    : [];
  return findMissingSessions(input.calendar, times, fromMs, toMs, {
    timeframe: input.timeframe,
  });
}

/**
 * The rest of the last cached bar's session, from that bar itself: it may have been cached
 * while still forming (so it is fetched again and replaced), and a provider stamping bars off
 * the calendar's grid (IB hourly bars on the clock hour after a 09:30 half-hour bar) may have
 * a bar before the next grid time.
 */
function tailEdge(input: LoadPlanInput, lastMs: number, fetchEnd: number): Gap[] {
  const session = sessionAt(input.calendar, lastMs);
  if (!session) return [];
  const endMs = Math.min(session.closeMs, fetchEnd);
  return lastMs < endMs ? [{ startMs: lastMs, endMs, sessions: 1 }] : [];
}

/**
 * Bars the calendar expects before the first cached bar, inside that bar's own session and
 * not after the fetch's end (a backfill ending before the cache fetches nothing after it).
 */
function headEdge(input: LoadPlanInput, firstMs: number, fromMs: number, fetchEnd: number): Gap[] {
  const session = sessionAt(input.calendar, firstMs);
  if (!session) return [];
  const startMs = Math.max(session.openMs, fromMs);
  const endMs = Math.min(firstMs, fetchEnd);
  return expectsBars(input, startMs, endMs) ? [{ startMs, endMs, sessions: 1 }] : [];
}

function sessionAt(
  calendar: TradingCalendar,
  ms: number,
): { openMs: number; closeMs: number } | undefined {
  return calendar.sessions(ms, ms).find((s) => s.openMs <= ms && ms < s.closeMs);
}

function expectsBars(input: LoadPlanInput, startMs: number, endMs: number): boolean {
  return (
    startMs < endMs && input.calendar.barTimestamps(input.timeframe, startMs, endMs - 1).length > 0
  );
}

/** Sorted by start; overlapping or touching gaps merged. */
function normalizeGaps(gaps: Gap[]): Gap[] {
  const sorted = [...gaps].sort((a, b) => a.startMs - b.startMs);
  const out: Gap[] = [];
  for (const gap of sorted) {
    const prev = out[out.length - 1];
    if (prev && gap.startMs <= prev.endMs) {
      prev.endMs = Math.max(prev.endMs, gap.endMs);
      prev.sessions += gap.sessions;
    } else {
      out.push({ ...gap });
    }
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
