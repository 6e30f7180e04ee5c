/** Two providers declare themselves the handler of the same operation type (fails the boot). */
export class DuplicateOperationTypeError extends Error {
  readonly code = 'DUPLICATE_OPERATION_TYPE' as const;

  constructor(operationType: string, first: string, second: string) {
    super(
      `Operation type "${operationType}" has two handlers: ${first} and ${second}. Each type needs exactly one @OperationHandler.`,
    );
    this.name = 'DuplicateOperationTypeError';
  }
}

/** A provider decorated with `@OperationHandler` cannot serve as one (fails the boot). */
export class InvalidOperationHandlerError extends Error {
  readonly code = 'INVALID_OPERATION_HANDLER' as const;

  constructor(handler: string, problem: string) {
    super(`${handler} is decorated with @OperationHandler but ${problem}`);
    this.name = 'InvalidOperationHandlerError';
  }
}

/** No handler is registered for an operation type. */
export class UnknownOperationTypeError extends Error {
  readonly code = 'UNKNOWN_OPERATION_TYPE' as const;

  constructor(readonly operationType: string) {
    super(`No handler is registered for operation type "${operationType}"`);
    this.name = 'UnknownOperationTypeError';
  }
}

/** The process is draining for shutdown and accepts no new operation. */
export class ShuttingDownError extends Error {
  readonly code = 'SHUTTING_DOWN' as const;

  constructor() {
    super('The service is shutting down and accepts no new operations');
    this.name = 'ShuttingDownError';
  }
}
