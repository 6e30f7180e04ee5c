import { HttpStatus } from '@nestjs/common';

/**
 * The one table from error codes to HTTP status. Any error carrying one of these `code`s
 * answers with that status and its own message; a domain adds its codes here. An error whose
 * code is not listed is unexpected: a logged 500 with a correlation id.
 */
export const ERROR_STATUS: Readonly<Record<string, HttpStatus>> = {
  // request shape and access
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_JSON: HttpStatus.BAD_REQUEST,
  UNAUTHORIZED: HttpStatus.UNAUTHORIZED,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  // operations
  OPERATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  OPERATION_ALREADY_FINISHED: HttpStatus.CONFLICT,
  UNKNOWN_OPERATION_TYPE: HttpStatus.BAD_REQUEST,
  INVALID_OPERATION_TYPE: HttpStatus.BAD_REQUEST,
  SHUTTING_DOWN: HttpStatus.SERVICE_UNAVAILABLE,
  // data
  INVALID_SYMBOL: HttpStatus.BAD_REQUEST,
  INVALID_TIMEFRAME: HttpStatus.BAD_REQUEST,
  INVALID_DATE_RANGE: HttpStatus.BAD_REQUEST,
  INVALID_LOAD_MODE: HttpStatus.BAD_REQUEST,
  INVALID_CSV: HttpStatus.BAD_REQUEST,
  INVALID_BARS: HttpStatus.BAD_REQUEST,
  SERIES_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // training
  STRATEGY_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_STRATEGY_NAME: HttpStatus.BAD_REQUEST,
  INVALID_STRATEGY: HttpStatus.UNPROCESSABLE_ENTITY,
  MODEL_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_MODEL_VERSION: HttpStatus.BAD_REQUEST,
  INVALID_TRAINING_REQUEST: HttpStatus.BAD_REQUEST,
  TRAINING_HOST_NOT_CONFIGURED: HttpStatus.BAD_REQUEST,
  SYMBOL_NOT_IN_MODEL: HttpStatus.BAD_REQUEST,
  NO_DATA_FOR_SYMBOL: HttpStatus.NOT_FOUND,
};

/** The status for a known error code, or undefined when the code is not in the table. */
export function statusForCode(code: string): HttpStatus | undefined {
  return Object.prototype.hasOwnProperty.call(ERROR_STATUS, code) ? ERROR_STATUS[code] : undefined;
}
