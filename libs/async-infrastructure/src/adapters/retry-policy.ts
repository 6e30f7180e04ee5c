import type { HostErrorBody } from './adapter-errors';
import { type AdapterRetryOptions, RETRY_AFTER_HARD_MAX_MS } from './adapter-options';

/** HTTP methods an adapter call may use. */
export type AdapterHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Why one attempt failed, as the retry policy sees it. */
export type AttemptFailure =
  | { kind: 'network'; errorCode: string; message: string; cause: unknown }
  | { kind: 'timeout'; message: string; cause: unknown }
  | {
      kind: 'status';
      status: number;
      body: HostErrorBody | undefined;
      /** Parsed `Retry-After`, when the host sent one. */
      retryAfterMs: number | undefined;
    };

/** Network errors that say nothing about the request having been processed wrongly. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

/** Statuses worth another attempt: overload (429) and gateway/availability errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Only reads and calls the caller marked idempotent may be sent twice. */
export function isRetryableRequest(method: AdapterHttpMethod, idempotent?: boolean): boolean {
  return method === 'GET' || idempotent === true;
}

/**
 * True when the failure is transient (a retry may succeed). A 502 whose body carries an error
 * `code` is the host's own answer (its upstream sent something unusable: a bad vendor file, an
 * unknown broker error), not a gateway failing on the way: sending it again gets the same.
 */
export function isTransientFailure(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case 'network':
      return RETRYABLE_NETWORK_CODES.has(failure.errorCode);
    case 'timeout':
      return true;
    case 'status':
      if (failure.status === 502 && failure.body?.code !== undefined) return false;
      return RETRYABLE_STATUSES.has(failure.status);
    default: {
      const unreachable: never = failure;
      return unreachable;
    }
  }
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(maxDelayMs, baseDelayMs·2^(n−1)))
 * where n is the number of failed attempts so far (1 for the first retry).
 */
export function backoffDelayMs(
  failedAttempts: number,
  policy: Pick<AdapterRetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"3"`) or an HTTP-date, relative to `nowMs`.
 * A date in the past gives 0; anything unparseable gives undefined.
 */
export function parseRetryAfterMs(
  value: string | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP-date names its day and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Outcome of {@link decideRetry}. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      reason: 'not-idempotent' | 'permanent' | 'attempts-exhausted' | 'retry-after-too-long';
    };

/** What {@link decideRetry} needs to know about the failed attempt. */
export interface RetryInput {
  method: AdapterHttpMethod;
  idempotent?: boolean;
  failure: AttemptFailure;
  /** Attempts made so far, the failed one included (1 after the first failure). */
  attempt: number;
  policy: Pick<AdapterRetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs'>;
  random?: () => number;
}

/**
 * Decides whether a failed attempt is retried and after how long. Retried: GET or idempotent
 * calls failing with a transient network error, a timeout, 429, 502 (without a host error
 * code), 503 or 504, while attempts
 * remain. The delay is the jittered backoff, or the host's `Retry-After` when it sent one — even
 * above `maxDelayMs` (retrying sooner would only earn another 429) — up to 60 s; a host asking
 * for longer is not retried so the caller can decide (the error carries `retryAfterMs`).
 * The retry budget is checked separately by the adapter.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { failure, policy } = input;
  if (!isTransientFailure(failure)) return { retry: false, reason: 'permanent' };
  if (!isRetryableRequest(input.method, input.idempotent)) {
    return { retry: false, reason: 'not-idempotent' };
  }
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > RETRY_AFTER_HARD_MAX_MS) {
      return { retry: false, reason: 'retry-after-too-long' };
    }
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelayMs(input.attempt, policy, input.random) };
}
