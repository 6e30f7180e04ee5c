import type { OperationStatus } from '../model/operation.types';

/** Codes of the operations module's errors (the API maps them to HTTP statuses). */
export enum OperationsErrorCode {
  NotFound = 'OPERATION_NOT_FOUND',
  AlreadyFinished = 'OPERATION_ALREADY_FINISHED',
  InvalidType = 'INVALID_OPERATION_TYPE',
}

/** Base of the operations module's errors: each carries a `code`. */
export abstract class OperationsError extends Error {
  abstract readonly code: OperationsErrorCode;
}

/** No operation has this id (404). */
export class OperationNotFoundError extends OperationsError {
  readonly code = OperationsErrorCode.NotFound;

  constructor(readonly operationId: string) {
    super(`Operation ${operationId} not found`);
    this.name = 'OperationNotFoundError';
  }
}

/** The operation is terminal: a cancel is refused and nothing changes (409). */
export class OperationAlreadyFinishedError extends OperationsError {
  readonly code = OperationsErrorCode.AlreadyFinished;

  constructor(
    readonly operationId: string,
    readonly status: OperationStatus,
  ) {
    super(`Operation ${operationId} already finished (${status})`);
    this.name = 'OperationAlreadyFinishedError';
  }
}

/** An operation type that cannot form an operation id (lowercase letters, digits, `_`). */
export class InvalidOperationTypeError extends OperationsError {
  readonly code = OperationsErrorCode.InvalidType;

  constructor(readonly operationType: string) {
    super(
      `Invalid operation type "${operationType}": use lowercase letters, digits and _, starting with a letter`,
    );
    this.name = 'InvalidOperationTypeError';
  }
}
