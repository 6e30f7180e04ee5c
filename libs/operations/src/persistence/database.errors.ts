import { HttpStatus } from '@nestjs/common';
import { AppError, StorageFullError, defineErrorCodes } from '@ktrdr/http-kit';

export const DATABASE_ERROR_CODES = defineErrorCodes({
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
});

/** Seconds a client is told to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The operations database cannot be reached (503 `DATABASE_UNAVAILABLE`): refused or lost
 * connection, server shutting down or restarting. Nothing was written; the next query
 * reconnects by itself.
 */
export class DatabaseUnavailableError extends AppError {
  constructor(cause: unknown) {
    // The driver's words (host, port) stay in the cause, for the log.
    super('DATABASE_UNAVAILABLE', 'The operations database is unavailable; try again shortly', {
      cause,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
}

/** PostgreSQL: connection exceptions (class 08) and shutdown / start-up (57P01–57P03). */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123])$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);
/** node-postgres' own errors for a lost connection carry no code. */
const POSTGRES_LOST = /^Connection terminated|^timeout exceeded when trying to connect/;
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100']);

/**
 * A database driver's error in the module's terms: a full disk is a `StorageFullError` (507), an
 * unreachable database a {@link DatabaseUnavailableError} (503); anything else is returned as is.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FULL_CODES.has(code)) return new StorageFullError(error);
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.test(code))) {
    return new DatabaseUnavailableError(error);
  }
  if (code === undefined && POSTGRES_LOST.test(messageOf(error))) {
    return new DatabaseUnavailableError(error);
  }
  return error;
}

/** Whether a failed write may succeed later as it is (the database or its disk came back). */
export function isTransientStorageError(error: unknown): boolean {
  const translated = translateDatabaseError(error);
  return translated instanceof DatabaseUnavailableError || translated instanceof StorageFullError;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** An error and its cause, for a log line (the driver's own words are in the cause). */
export function describeError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause === undefined ? messageOf(error) : `${messageOf(error)} (${messageOf(cause)})`;
}
