/** Optional parts of an {@link AppError}. */
export interface AppErrorOptions {
  /** Structured extra information, answered as `details` (limits, timestamps…). */
  details?: unknown;
  /** Answered as the `Retry-After` header (429 when paced, 503 when a provider is down). */
  retryAfterSeconds?: number;
  /**
   * The HTTP status, for an error translated at an app's boundary (the data host answers a
   * provider's failure in its own terms). Otherwise leave it out: the status is the one its code
   * was declared with ({@link defineErrorCodes}).
   */
  httpStatus?: number;
  cause?: unknown;
}

/**
 * Base of every error an app answers on purpose: a machine-readable `code` (declared with its
 * HTTP status by the module owning it, {@link defineErrorCodes}) and a message for humans. The
 * kit's filter answers it as `{ statusCode, error, message, code }` (+ `details`), with
 * `Retry-After` when `retryAfterSeconds` is set.
 *
 * @example
 * export const ORDERS_ERROR_CODES = defineErrorCodes({ ORDER_NOT_FOUND: 404 });
 * export class OrderNotFoundError extends AppError {
 *   constructor(id: string) { super('ORDER_NOT_FOUND', `Order ${id} not found`); }
 * }
 */
export class AppError extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.httpStatus = options.httpStatus;
  }
}
