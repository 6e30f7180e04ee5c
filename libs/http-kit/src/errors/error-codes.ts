/** Error codes and the HTTP status each is answered with. */
export type ErrorCodeTable = Readonly<Record<string, number>>;

/** Two modules declared the same code with different statuses (fails when the second loads). */
export class ErrorCodeConflictError extends Error {
  constructor(code: string, declared: number, again: number) {
    super(`Error code ${code} is declared twice: with status ${declared} and with ${again}`);
    this.name = 'ErrorCodeConflictError';
  }
}

const statuses = new Map<string, number>();

/**
 * Declares a module's error codes with their HTTP status, next to its exceptions. The table is
 * process-wide: the kit's filter answers any error whose `code` was declared with that status
 * (an error with an undeclared code is a logged 500). Declaring a code again with the same status
 * is allowed; with another status it throws {@link ErrorCodeConflictError}.
 *
 * @example
 * export enum OrdersErrorCode { NotFound = 'ORDER_NOT_FOUND' }
 * defineErrorCodes({ [OrdersErrorCode.NotFound]: HttpStatus.NOT_FOUND });
 */
export function defineErrorCodes<const T extends ErrorCodeTable>(table: T): T {
  for (const [code, status] of Object.entries(table)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`Error code ${code} is not UPPER_SNAKE`);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`Error code ${code}: status ${status} is not an HTTP error status`);
    }
    const declared = statuses.get(code);
    if (declared !== undefined && declared !== status) {
      throw new ErrorCodeConflictError(code, declared, status);
    }
    statuses.set(code, status);
  }
  return Object.freeze({ ...table });
}

/** The status `code` was declared with, or undefined. */
export function statusForCode(code: string): number | undefined {
  return statuses.get(code);
}
