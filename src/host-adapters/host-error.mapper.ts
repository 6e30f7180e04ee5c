import {
  CancellationError,
  HostRejectedError,
  HostTimeoutError,
  HostUnavailableError,
} from '@ktrdr/async-infrastructure';
import {
  BeforeHeadTimestampError,
  InvalidDateRangeError,
  InvalidProviderRequestError,
  InvalidSymbolError,
  InvalidTimeframeError,
  MarketDataError,
  NoDataError,
  NoPermissionError,
  PacingViolationError,
  ProviderUnavailableError,
  SymbolNotFoundError,
  UnknownProviderError,
} from '@ktrdr/market-data';

/** What the call was about, to rebuild errors that carry it. */
export interface HostCallSubject {
  symbol: string;
  timeframe?: string;
  startMs?: number;
  endMs?: number;
}

/** Used when a 429 came without a usable Retry-After. */
const DEFAULT_PACING_WAIT_MS = 1000;

/**
 * Turns an adapter error from the data host into the provider error the same failure raises
 * in-process, so the DataManager cannot tell a local provider from a remote one. A
 * cancellation passes through unchanged.
 */
export function toProviderError(error: unknown, subject: HostCallSubject): Error {
  if (CancellationError.is(error)) return error;
  if (error instanceof HostRejectedError) {
    return fromHostAnswer(error.hostCode ?? codeForStatus(error.status), error, subject);
  }
  // A 502 carrying the host's code is the provider's own failure (a bad vendor file, an
  // unknown IB error), not an outage: it keeps its permanent meaning. 503/504 stay transient.
  if (error instanceof HostUnavailableError && error.status === 502 && error.causeCode) {
    return fromHostAnswer(error.causeCode, error, subject);
  }
  if (error instanceof HostUnavailableError || error instanceof HostTimeoutError) {
    return new ProviderUnavailableError(`Data host unavailable: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof MarketDataError) return error;
  return new UnknownProviderError(error instanceof Error ? error.message : String(error));
}

function fromHostAnswer(
  code: string,
  error: HostRejectedError | HostUnavailableError,
  subject: HostCallSubject,
): Error {
  const rejected = error instanceof HostRejectedError ? error : null;
  const message = rejected?.hostMessage ?? error.message;
  switch (code) {
    case 'SYMBOL_NOT_FOUND':
      return new SymbolNotFoundError(subject.symbol, rejected?.hostMessage);
    case 'NO_DATA':
      return new NoDataError(message);
    case 'NO_PERMISSION':
      return new NoPermissionError(message);
    case 'BEFORE_HEAD_TIMESTAMP':
      return beforeHead(message, rejected?.details, subject);
    case 'PACING_VIOLATION':
      return new PacingViolationError(rejected?.retryAfterMs ?? DEFAULT_PACING_WAIT_MS, message);
    case 'PROVIDER_UNAVAILABLE':
      return new ProviderUnavailableError(message);
    case 'INVALID_REQUEST':
      return new InvalidProviderRequestError(message);
    case 'INVALID_SYMBOL':
      return new InvalidSymbolError(subject.symbol);
    case 'INVALID_TIMEFRAME':
      return new InvalidTimeframeError(subject.timeframe ?? '?');
    case 'INVALID_DATE_RANGE':
      return new InvalidDateRangeError(message);
    default: {
      const status = rejected?.status ?? (error as HostUnavailableError).status;
      return new UnknownProviderError(`Data host answered ${status ?? '?'} ${code}: ${message}`);
    }
  }
}

/** For a rejection without the host's code: what its status means on the data host. */
function codeForStatus(status: number): string {
  switch (status) {
    case 404:
      return 'SYMBOL_NOT_FOUND';
    case 422:
      return 'BEFORE_HEAD_TIMESTAMP';
    case 429:
      return 'PACING_VIOLATION';
    default:
      return 'PROVIDER_ERROR';
  }
}

function beforeHead(message: string, details: unknown, subject: HostCallSubject): Error {
  const head = headFromDetails(details);
  // Without the head timestamp the error cannot be rebuilt exactly; NO_DATA is its meaning.
  if (head === null || subject.endMs === undefined) return new NoDataError(message);
  return new BeforeHeadTimestampError(subject.symbol, head, subject.endMs);
}

function headFromDetails(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>).head_timestamp;
  const ms =
    typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(ms) ? ms : null;
}
