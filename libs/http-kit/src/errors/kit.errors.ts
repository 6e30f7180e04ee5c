import { HttpStatus } from '@nestjs/common';
import { AppError } from './app-error';
import { defineErrorCodes } from './error-codes';

/** Codes the kit itself answers with. */
export enum KitErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  InvalidJson = 'INVALID_JSON',
  JsonTooDeep = 'JSON_TOO_DEEP',
  Unauthorized = 'UNAUTHORIZED',
  NotFound = 'NOT_FOUND',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The server's storage is full (disk, database): nothing was written. */
  StorageFull = 'STORAGE_FULL',
  /** The client went away (or the work was cancelled) before the answer: nginx's 499. */
  Cancelled = 'CANCELLED',
  InternalError = 'INTERNAL_ERROR',
}

/** Nginx's "client closed request": the client went away, the answer is never read. */
export const CLIENT_CLOSED_REQUEST = 499;

export const KIT_ERROR_CODES = defineErrorCodes({
  [KitErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [KitErrorCode.InvalidJson]: HttpStatus.BAD_REQUEST,
  [KitErrorCode.JsonTooDeep]: HttpStatus.BAD_REQUEST,
  [KitErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [KitErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [KitErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [KitErrorCode.StorageFull]: HttpStatus.INSUFFICIENT_STORAGE,
  [KitErrorCode.Cancelled]: CLIENT_CLOSED_REQUEST,
  [KitErrorCode.InternalError]: HttpStatus.INTERNAL_SERVER_ERROR,
});

/** No or a wrong API key (401). */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(KitErrorCode.Unauthorized, message);
  }
}

/**
 * The request failed validation (400): `message` lists each problem, one line per field
 * (nested fields prefixed with their path).
 */
export class RequestValidationError extends AppError {
  constructor(readonly problems: string[]) {
    super(KitErrorCode.ValidationFailed, problems.join('; '));
  }
}

/** A JSON body nests objects/arrays deeper than the kit accepts (400). */
export class JsonTooDeepError extends AppError {
  constructor(readonly maxDepth: number) {
    super(KitErrorCode.JsonTooDeep, `JSON body nested deeper than ${maxDepth} levels`);
  }
}

/**
 * The server's storage is full (507): a disk write failed with ENOSPC, SQLite answered
 * SQLITE_FULL, PostgreSQL 53100. The message never names a path.
 */
export class StorageFullError extends AppError {
  constructor(cause?: unknown) {
    super(KitErrorCode.StorageFull, "The server's storage is full: nothing was written", {
      cause,
    });
  }

  /** `error` as a StorageFullError when it is a Node ENOSPC (any write), else undefined. */
  static from(error: unknown): StorageFullError | undefined {
    if (error instanceof StorageFullError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'ENOSPC' ? new StorageFullError(error) : undefined;
  }
}
