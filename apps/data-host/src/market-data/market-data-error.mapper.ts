import { HttpStatus } from '@nestjs/common';
import { AppError, type AppErrorOptions } from '@ktrdr/http-kit';
import {
  BeforeHeadTimestampError,
  MarketDataError,
  MarketDataErrorCode,
  PacingViolationError,
  ProviderErrorCode,
} from '@ktrdr/market-data';

/** HTTP status of every market-data and provider error code the host answers with. */
export const DATA_HOST_ERROR_STATUS: Readonly<Record<string, HttpStatus>> = {
  [MarketDataErrorCode.INVALID_SYMBOL]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_TIMEFRAME]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_DATE_RANGE]: HttpStatus.BAD_REQUEST,
  [ProviderErrorCode.INVALID_REQUEST]: HttpStatus.BAD_REQUEST,
  [ProviderErrorCode.NO_PERMISSION]: HttpStatus.FORBIDDEN,
  [ProviderErrorCode.SYMBOL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ProviderErrorCode.NO_DATA]: HttpStatus.NOT_FOUND,
  [MarketDataErrorCode.SERIES_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ProviderErrorCode.BEFORE_HEAD_TIMESTAMP]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ProviderErrorCode.PACING_VIOLATION]: HttpStatus.TOO_MANY_REQUESTS,
  // The provider's upstream (a vendor file, IB) answered something unusable.
  [ProviderErrorCode.PROVIDER_ERROR]: HttpStatus.BAD_GATEWAY,
  [MarketDataErrorCode.INVALID_CSV]: HttpStatus.BAD_GATEWAY,
  [MarketDataErrorCode.INVALID_BARS]: HttpStatus.BAD_GATEWAY,
  [ProviderErrorCode.PROVIDER_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * The {@link AppError} a market-data error is answered with: its code, the status from
 * {@link DATA_HOST_ERROR_STATUS} (the host's own terms: an upstream's bad file is a 502 here,
 * where the API answers a client's bad CSV with 400), `Retry-After` for pacing, and the head
 * timestamp in `details` for BEFORE_HEAD_TIMESTAMP. Anything else is returned unchanged (the
 * kit's filter answers cancellations and unknown errors).
 */
export function toDataHostError(error: unknown): unknown {
  if (!(error instanceof MarketDataError)) return error;
  const httpStatus = DATA_HOST_ERROR_STATUS[error.code];
  if (httpStatus === undefined) return error;
  return new AppError(error.code, error.message, { httpStatus, cause: error, ...extras(error) });
}

function extras(error: MarketDataError): AppErrorOptions {
  if (error instanceof PacingViolationError) {
    return {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      details: { retry_after_ms: error.retryAfterMs },
    };
  }
  if (error instanceof BeforeHeadTimestampError) {
    return {
      details: {
        head_timestamp: new Date(error.headTimestampMs).toISOString(),
        requested_end: new Date(error.requestedEndMs).toISOString(),
      },
    };
  }
  return {};
}
