import { LOAD_MODES } from '@ktrdr/market-data';

/** Codes of the data module's own errors (the market-data lib brings the rest). */
export enum DataErrorCode {
  ALL_SEGMENTS_FAILED = 'ALL_SEGMENTS_FAILED',
  INVALID_LOAD_MODE = 'INVALID_LOAD_MODE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
}

/** Base of the data module's errors: a message and a code the exception filter maps. */
export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
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
  constructor(contentType: string | undefined, expected = 'text/csv') {
    super(
      DataErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Expected a ${expected} body, got ${contentType ? `'${contentType}'` : 'no content type'}`,
    );
  }
}

export class PayloadTooLargeError extends DataError {
  constructor(limitBytes: number) {
    super(DataErrorCode.PAYLOAD_TOO_LARGE, `The CSV body exceeds ${limitBytes} bytes`);
  }
}
