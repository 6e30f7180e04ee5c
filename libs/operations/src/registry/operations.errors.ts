import { HttpStatus } from '@nestjs/common';
import type { OperationStatus } from '../model/operation.types';
import { AppError, defineErrorCodes } from '@ktrdr/http-kit';

/** Codes of the operations module's errors (the API maps them to HTTP statuses). */
export enum OperationsErrorCode {
  NotFound = 'OPERATION_NOT_FOUND',
  AlreadyFinished = 'OPERATION_ALREADY_FINISHED',
  InvalidType = 'INVALID_OPERATION_TYPE',
  NotRetryable = 'OPERATION_NOT_RETRYABLE',
}

/** How the operations API answers its codes, and the launcher's (async-infrastructure). */
export const OPERATIONS_ERROR_CODES = defineErrorCodes({
  [OperationsErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [OperationsErrorCode.AlreadyFinished]: HttpStatus.CONFLICT,
  [OperationsErrorCode.InvalidType]: HttpStatus.BAD_REQUEST,
  [OperationsErrorCode.NotRetryable]: HttpStatus.CONFLICT,
  UNKNOWN_OPERATION_TYPE: HttpStatus.BAD_REQUEST,
  SHUTTING_DOWN: HttpStatus.SERVICE_UNAVAILABLE,
});

/** Base of the operations module's errors: each carries a `code`. */
export abstract class OperationsError extends AppError {
  declare readonly code: OperationsErrorCode;
}

/** No operation has this id (404). */
export class OperationNotFoundError extends OperationsError {
  constructor(readonly operationId: string) {
    super(OperationsErrorCode.NotFound, `Operation ${operationId} not found`);
  }
}

/** The operation is terminal: a cancel is refused and nothing changes (409). */
export class OperationAlreadyFinishedError extends OperationsError {
  constructor(
    readonly operationId: string,
    readonly status: OperationStatus,
  ) {
    super(
      OperationsErrorCode.AlreadyFinished,
      `Operation ${operationId} already finished (${status})`,
    );
  }
}

/** An operation type that cannot form an operation id (lowercase letters, digits, `_`). */
export class InvalidOperationTypeError extends OperationsError {
  constructor(readonly operationType: string) {
    super(
      OperationsErrorCode.InvalidType,
      `Invalid operation type "${operationType}": use lowercase letters, digits and _, starting with a letter`,
    );
  }
}

/**
 * A retry is refused (409): only a `failed` or `cancelled` operation whose params were stored can
 * be retried. `status` is the operation's status when that was the reason.
 */
export class OperationNotRetryableError extends OperationsError {
  constructor(
    readonly operationId: string,
    readonly status: OperationStatus,
    reason: string,
  ) {
    super(
      OperationsErrorCode.NotRetryable,
      `Operation ${operationId} cannot be retried: ${reason}`,
    );
  }
}
