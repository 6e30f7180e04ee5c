/**
 * Codes of the errors this library throws. Other parts of the lib (providers) add their own
 * codes on the same {@link MarketDataError} base; the API maps codes to HTTP statuses.
 */
export enum MarketDataErrorCode {
  INVALID_SYMBOL = 'INVALID_SYMBOL',
  INVALID_TIMEFRAME = 'INVALID_TIMEFRAME',
  INVALID_DATE_RANGE = 'INVALID_DATE_RANGE',
  SERIES_NOT_FOUND = 'SERIES_NOT_FOUND',
  INVALID_CSV = 'INVALID_CSV',
  INVALID_BARS = 'INVALID_BARS',
  /** A file of the local cache cannot be read as bars: the server's problem, not the client's. */
  CACHE_CORRUPT = 'CACHE_CORRUPT',
}

/**
 * Base of every market-data error: an `Error` with a machine-readable `code`.
 * Each concrete error lives next to the code that throws it.
 *
 * @example
 * try { parseTimeframe(input); }
 * catch (e) { if (e instanceof MarketDataError) return { status: 400, code: e.code }; throw e; }
 */
export class MarketDataError extends Error {
  /** Stable, machine-readable code (a {@link MarketDataErrorCode} or a provider code). */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A time range whose start is not before its end, or a bound that is not a finite time. */
export class InvalidDateRangeError extends MarketDataError {
  constructor(message: string) {
    super(MarketDataErrorCode.INVALID_DATE_RANGE, message);
  }
}

/**
 * Checks that `[fromMs, toMs]` is a usable range: both finite and `fromMs < toMs`.
 * Throws {@link InvalidDateRangeError} otherwise.
 */
export function assertDateRange(fromMs: number, toMs: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw new InvalidDateRangeError('Start and end must be valid times');
  }
  if (fromMs >= toMs) {
    throw new InvalidDateRangeError(
      `Start (${new Date(fromMs).toISOString()}) must be before end (${new Date(toMs).toISOString()})`,
    );
  }
}
