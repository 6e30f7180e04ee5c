/** Codes of the errors an adapter call can end with (besides `CANCELLED`). */
export enum AdapterErrorCode {
  HostUnavailable = 'HOST_UNAVAILABLE',
  HostTimeout = 'HOST_TIMEOUT',
  HostRejected = 'HOST_REJECTED',
}

/** Where a failed call went: carried by every adapter error. */
export interface HostCallInfo {
  /** The adapter's name. */
  adapter: string;
  method: string;
  path: string;
  /** Attempts made, retries included. */
  attempts: number;
}

/** Base of the adapter's typed errors; `code` tells the caller what to do. */
export abstract class HostCallError extends Error {
  abstract readonly code: AdapterErrorCode;
  readonly adapter: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  protected constructor(message: string, info: HostCallInfo, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.adapter = info.adapter;
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts;
  }

  /** True for any adapter error (`HostUnavailableError`, `HostTimeoutError`, `HostRejectedError`). */
  static is(error: unknown): error is HostCallError {
    return error instanceof HostCallError;
  }
}

/**
 * The host could not be reached or said it cannot serve now: connection refused or reset,
 * DNS failure, 502/503/504 — after the allowed retries. Worth trying again later.
 */
export class HostUnavailableError extends HostCallError {
  readonly code = AdapterErrorCode.HostUnavailable;

  constructor(
    message: string,
    info: HostCallInfo,
    /** HTTP status when the host answered (502/503/504), else undefined. */
    readonly status?: number,
    /** Network error code (`ECONNREFUSED`…) or the host's error code from its body. */
    readonly causeCode?: string,
    cause?: unknown,
  ) {
    super(message, info, cause);
  }
}

/** The host did not answer within the per-attempt timeout (after the allowed retries). */
export class HostTimeoutError extends HostCallError {
  readonly code = AdapterErrorCode.HostTimeout;

  constructor(
    message: string,
    info: HostCallInfo,
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    super(message, info, cause);
  }
}

/** The body of a host's error answer: `{ statusCode, error, message, code }`. */
export interface HostErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  code?: string;
  details?: unknown;
}

/**
 * The host answered with an error status that retrying will not fix (4xx, a 5xx other than
 * 502/503/504, or 429 once retries are spent). Carries the host's own `code` and `message`.
 */
export class HostRejectedError extends HostCallError {
  readonly code = AdapterErrorCode.HostRejected;
  /** The host's error code from its JSON body (`UNKNOWN_SYMBOL`, `PACING_VIOLATION`…). */
  readonly hostCode: string | undefined;
  /** The host's message (joined when the host sent a list). */
  readonly hostMessage: string | undefined;
  /** Extra structured details the host sent (validation fields…). */
  readonly details: unknown;

  constructor(
    info: HostCallInfo,
    readonly status: number,
    body: HostErrorBody | undefined,
    /** For 429/503: how long the host asked to wait, when it said so. */
    readonly retryAfterMs?: number,
  ) {
    const hostMessage = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
    super(
      `${info.adapter}: ${info.method} ${info.path} rejected with ${status}` +
        (body?.code ? ` ${body.code}` : '') +
        (hostMessage ? `: ${hostMessage}` : ''),
      info,
    );
    this.hostCode = body?.code;
    this.hostMessage = hostMessage;
    this.details = body?.details;
  }
}
