import { HttpStatus } from '@nestjs/common';
import { AppError, defineErrorCodes } from '@ktrdr/http-kit';
import { LOAD_MODES, MarketDataErrorCode } from '@ktrdr/market-data';

/** Codes of the data module's own errors (the market-data lib brings the rest). */
export enum DataErrorCode {
  ALL_SEGMENTS_FAILED = 'ALL_SEGMENTS_FAILED',
  INVALID_LOAD_MODE = 'INVALID_LOAD_MODE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
}

/**
 * How the data API answers its codes and the market-data lib's. A bad CSV or bad bars here are
 * the client's (an import), hence 400; an unreadable cache file is the server's, hence 500;
 * ALL_SEGMENTS_FAILED only ends an operation.
 */
export const DATA_ERROR_CODES = defineErrorCodes({
  [DataErrorCode.INVALID_LOAD_MODE]: HttpStatus.BAD_REQUEST,
  [DataErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [DataErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [MarketDataErrorCode.INVALID_SYMBOL]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_TIMEFRAME]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_DATE_RANGE]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_CSV]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.INVALID_BARS]: HttpStatus.BAD_REQUEST,
  [MarketDataErrorCode.SERIES_NOT_FOUND]: HttpStatus.NOT_FOUND,
  // A cache file the server cannot read: its problem, not the client's (the path is logged).
  [MarketDataErrorCode.CACHE_CORRUPT]: HttpStatus.INTERNAL_SERVER_ERROR,
});

/** Base of the data module's errors: a message and a code the exception filter maps. */
export class DataError extends AppError {
  declare readonly code: DataErrorCode;

  constructor(code: DataErrorCode, message: string) {
    super(code, message);
  }
}

/** Every planned segment failed: the load fails (the failures are named in the message). */
export class AllSegmentsFailedError extends DataError {
  constructor(
    readonly failures: readonly { start: string; end: string; code: string; message: string }[],
  ) {
    const first = failures[0];
    super(
      DataErrorCode.ALL_SEGMENTS_FAILED,
      `All ${failures.length} segment(s) failed` +
        (first ? `; first: ${first.start}→${first.end} ${first.code}: ${first.message}` : ''),
    );
  }
}

export class InvalidLoadModeError extends DataError {
  constructor(mode: string) {
    super(
      DataErrorCode.INVALID_LOAD_MODE,
      `Invalid mode '${mode}': expected one of ${LOAD_MODES.join(', ')}`,
    );
  }
}

export class UnsupportedMediaTypeError extends DataError {
  constructor(contentType: string | undefined) {
    super(
      DataErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Expected a text/csv body, got ${contentType ? `'${contentType}'` : 'no content type'}`,
    );
  }
}

export class PayloadTooLargeError extends DataError {
  constructor(limitBytes: number) {
    super(DataErrorCode.PAYLOAD_TOO_LARGE, `The CSV body exceeds ${limitBytes} bytes`);
  }
}
