import { MarketDataError, MarketDataErrorCode } from './errors';

/** The supported bar sizes, smallest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;

/** One of {@link TIMEFRAMES}. */
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE_MS = 60_000;

const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '4h': 240 * MINUTE_MS,
  '1d': 1_440 * MINUTE_MS,
  '1w': 10_080 * MINUTE_MS,
};

/** Thrown by {@link parseTimeframe} for anything that is not in {@link TIMEFRAMES}. */
export class InvalidTimeframeError extends MarketDataError {
  constructor(input: string) {
    super(
      MarketDataErrorCode.INVALID_TIMEFRAME,
      `Invalid timeframe '${input}': supported timeframes are ${TIMEFRAMES.join(', ')}`,
    );
  }
}

/** True when `input` is exactly one of {@link TIMEFRAMES}. */
export function isTimeframe(input: unknown): input is Timeframe {
  return typeof input === 'string' && (TIMEFRAMES as readonly string[]).includes(input);
}

/**
 * The {@link Timeframe} named by `input` (surrounding spaces ignored, otherwise exact:
 * `'1M'` is not `'1m'`). Throws {@link InvalidTimeframeError} listing the supported ones.
 */
export function parseTimeframe(input: string): Timeframe {
  const trimmed = typeof input === 'string' ? input.trim() : String(input);
  if (isTimeframe(trimmed)) return trimmed;
  throw new InvalidTimeframeError(trimmed);
}

/**
 * Nominal length of one bar in milliseconds (`1d` = 24 h, `1w` = 7 days). Trading-calendar
 * alignment (sessions, weeks) is the calendar's business, not this number's.
 */
export function timeframeMs(tf: Timeframe): number {
  return TIMEFRAME_MS[tf];
}
