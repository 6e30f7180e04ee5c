import { DAY_MS } from '../calendar/civil-date';
import type { TradingCalendar } from '../calendar/trading-calendar';
import type { Timeframe } from '../timeframes';
import type { Gap } from './gap-finder';

/**
 * Interactive Brokers' longest span of one historical-data request per bar size
 * (data.md, "Segments").
 */
export const IB_MAX_SPAN_MS: Readonly<Record<Timeframe, number>> = {
  '1m': DAY_MS,
  '5m': 7 * DAY_MS,
  '15m': 14 * DAY_MS,
  '30m': 30 * DAY_MS,
  '1h': 30 * DAY_MS,
  '4h': 120 * DAY_MS,
  '1d': 365 * DAY_MS,
  '1w': 730 * DAY_MS,
};

/** One provider request's time span: bars with `startMs <= t < endMs`. Never empty. */
export interface Segment {
  startMs: number;
  endMs: number;
}

/**
 * Cuts gaps into request-sized segments, in chronological order, none longer than
 * `maxSpanMs` and none empty.
 *
 * Without a calendar, each gap is cut into consecutive pieces of at most `maxSpanMs` that
 * cover it exactly. With the symbol's calendar (recommended), segments are packed from
 * trading time only: each segment starts at a session open (or the gap's start) and takes in
 * the following sessions while they still fit; nights, weekends and holidays between sessions
 * are never requested, so no segment contains no trading session, and every trading moment
 * of every gap is in exactly one segment. A session longer than `maxSpanMs` is cut into
 * pieces.
 *
 * @example planSegments(gaps, '1m', IB_MAX_SPAN_MS['1m'], calendarFor('AAPL'))
 */
export function planSegments(
  gaps: readonly Gap[],
  tf: Timeframe,
  maxSpanMs: number = IB_MAX_SPAN_MS[tf],
  calendar?: TradingCalendar,
): Segment[] {
  if (!(maxSpanMs > 0)) throw new RangeError(`maxSpanMs must be positive, got ${maxSpanMs}`);
  const segments: Segment[] = [];
  for (const gap of gaps) {
    if (!(gap.startMs < gap.endMs)) continue;
    const pieces = calendar ? tradingPieces(calendar, gap) : [gap];
    packPieces(pieces, maxSpanMs, segments);
  }
  return segments;
}

/** The parts of the gap during which the market is open. */
function tradingPieces(calendar: TradingCalendar, gap: Gap): Segment[] {
  const pieces: Segment[] = [];
  for (const session of calendar.sessions(gap.startMs, gap.endMs - 1)) {
    const startMs = Math.max(session.openMs, gap.startMs);
    const endMs = Math.min(session.closeMs, gap.endMs);
    if (startMs < endMs) pieces.push({ startMs, endMs });
  }
  return pieces;
}

/** Greedy packing of chronological pieces into segments of at most `maxSpanMs`. */
function packPieces(pieces: readonly Segment[], maxSpanMs: number, out: Segment[]): void {
  let current: Segment | null = null;
  for (const piece of pieces) {
    if (current && piece.endMs - current.startMs <= maxSpanMs) {
      current.endMs = piece.endMs;
      continue;
    }
    let start = piece.startMs;
    while (piece.endMs - start > maxSpanMs) {
      out.push({ startMs: start, endMs: start + maxSpanMs });
      start += maxSpanMs;
    }
    current = { startMs: start, endMs: piece.endMs };
    out.push(current);
  }
}
