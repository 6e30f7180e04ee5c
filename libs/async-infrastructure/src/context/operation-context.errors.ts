/** Thrown when code reads the current operation's context outside any operation. */
export class NoOperationContextError extends Error {
  readonly code = 'NO_OPERATION_CONTEXT' as const;

  constructor(what: string) {
    super(`No operation is running in this async context (reading OperationContext.${what})`);
    this.name = 'NoOperationContextError';
  }
}
