import { HttpStatus } from '@nestjs/common';
import { AppError, defineErrorCodes } from '@ktrdr/http-kit';

export const QUEUED_EXECUTION_ERROR_CODES = defineErrorCodes({
  QUEUE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
});

/** Seconds a client is told to wait before trying again while Redis is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Redis refused or did not take the job (503 `QUEUE_UNAVAILABLE`): the operation was created and
 * is failed with this code at once, so it never waits for a job that does not exist.
 */
export class QueueUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('QUEUE_UNAVAILABLE', 'The operation queue (Redis) is unavailable; try again shortly', {
      cause,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
}

/** Queued execution was configured on a SQLite registry, which processes cannot share (boot). */
export class QueuedExecutionNeedsPostgresError extends Error {
  readonly code = 'QUEUED_EXECUTION_NEEDS_POSTGRES' as const;

  constructor() {
    super(
      'Queued execution needs a PostgreSQL operations database (postgres://…): API and worker processes share one registry, which a SQLite file cannot be',
    );
    this.name = 'QueuedExecutionNeedsPostgresError';
  }
}
