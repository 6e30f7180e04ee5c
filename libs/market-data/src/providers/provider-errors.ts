import { MarketDataError } from '../errors';

/** Codes of the errors a {@link MarketDataProvider} rejects with. */
export enum ProviderErrorCode {
  /** The provider does not know the symbol (IB 200, no CSV file). Permanent. */
  SYMBOL_NOT_FOUND = 'SYMBOL_NOT_FOUND',
  /** The symbol exists but the provider has no bars for the request. Permanent. */
  NO_DATA = 'NO_DATA',
  /** The account lacks the market-data subscription or permission. Permanent. */
  NO_PERMISSION = 'NO_PERMISSION',
  /** The requested range ends before the earliest bar the provider has. Permanent. */
  BEFORE_HEAD_TIMESTAMP = 'BEFORE_HEAD_TIMESTAMP',
  /** Too many requests: retry after `retryAfterMs`. Transient. */
  PACING_VIOLATION = 'PACING_VIOLATION',
  /** The provider (or the gateway behind it) is down or did not answer in time. Transient. */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  /** The provider refused the request as malformed or too large (IB 321/322/366). Permanent. */
  INVALID_REQUEST = 'INVALID_REQUEST',
  /** The provider answered with an error this library does not know. Permanent. */
  PROVIDER_ERROR = 'PROVIDER_ERROR',
}

/** Base of the errors a market-data provider rejects with; `code` is a {@link ProviderErrorCode}. */
export abstract class ProviderError extends MarketDataError {
  declare readonly code: ProviderErrorCode;
}

/** The provider does not know the symbol. */
export class SymbolNotFoundError extends ProviderError {
  constructor(
    readonly symbol: string,
    detail?: string,
  ) {
    super(ProviderErrorCode.SYMBOL_NOT_FOUND, `Unknown symbol ${symbol}${suffix(detail)}`);
  }
}

/** No bars for the request (IB: "HMDS query returned no data"). */
export class NoDataError extends ProviderError {
  constructor(message: string) {
    super(ProviderErrorCode.NO_DATA, message);
  }
}

/** Missing market-data permission or subscription (IB 354, 10090). */
export class NoPermissionError extends ProviderError {
  constructor(message: string) {
    super(ProviderErrorCode.NO_PERMISSION, message);
  }
}

/** The requested range lies before the provider's head timestamp. */
export class BeforeHeadTimestampError extends ProviderError {
  constructor(
    readonly symbol: string,
    readonly headTimestampMs: number,
    readonly requestedEndMs: number,
  ) {
    super(
      ProviderErrorCode.BEFORE_HEAD_TIMESTAMP,
      `${symbol} has no data before ${new Date(headTimestampMs).toISOString()}; the request ends ` +
        `at ${new Date(requestedEndMs).toISOString()}`,
    );
  }
}

/** Paced: the request was not sent; it may be retried after `retryAfterMs`. */
export class PacingViolationError extends ProviderError {
  constructor(
    readonly retryAfterMs: number,
    detail: string,
  ) {
    super(
      ProviderErrorCode.PACING_VIOLATION,
      `Pacing limit reached (${detail}); retry after ${Math.ceil(retryAfterMs / 1000)} s`,
    );
  }
}

/** The provider or its gateway is unreachable, disconnected or too slow. */
export class ProviderUnavailableError extends ProviderError {
  constructor(message: string, options?: ErrorOptions) {
    super(ProviderErrorCode.PROVIDER_UNAVAILABLE, message, options);
  }
}

/** The provider refused the request itself (bad parameters, span too long). */
export class InvalidProviderRequestError extends ProviderError {
  constructor(message: string) {
    super(ProviderErrorCode.INVALID_REQUEST, message);
  }
}

/** An error the provider reported that has no more specific meaning here. */
export class UnknownProviderError extends ProviderError {
  constructor(message: string) {
    super(ProviderErrorCode.PROVIDER_ERROR, message);
  }
}

const TRANSIENT_CODES: ReadonlySet<string> = new Set<string>([
  ProviderErrorCode.PACING_VIOLATION,
  ProviderErrorCode.PROVIDER_UNAVAILABLE,
]);

/**
 * True for failures worth retrying with backoff: pacing and unavailability. Aborts, unknown
 * errors and permanent provider errors (no data, no permission, unknown symbol…) are not.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof MarketDataError && TRANSIENT_CODES.has(error.code);
}

function suffix(detail: string | undefined): string {
  return detail ? `: ${detail}` : '';
}
