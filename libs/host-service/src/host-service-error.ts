/** Codes the kit itself answers with (apps add their own domain codes). */
export enum HostErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  InvalidJson = 'INVALID_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthorized = 'UNAUTHORIZED',
  Cancelled = 'CANCELLED',
  InternalError = 'INTERNAL_ERROR',
}

/** Optional parts of a {@link HostServiceError}. */
export interface HostServiceErrorOptions {
  /** Sent as the `Retry-After` header (429 when paced, 503 when the provider is down). */
  retryAfterSeconds?: number;
  /** Structured extra information, sent as `details` (validation fields, limits…). */
  details?: unknown;
  cause?: unknown;
}

/**
 * Base of every error a host service answers on purpose: the `HostErrorFilter` turns it into
 * the HTTP `status` and the JSON `{ statusCode, error, message, code }` (plus `details`), and
 * `retryAfterSeconds` into a `Retry-After` header.
 *
 * @example
 * throw new HostServiceError(429, 'PACING_VIOLATION', 'IB pacing: retry later', { retryAfterSeconds: 15 });
 */
export class HostServiceError extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly details: unknown;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: HostServiceErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}
