import type { HostErrorBody } from './adapter-errors';

/** HTTP methods an adapter call may use. */
export type AdapterHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Why one attempt failed, as the adapter's retry rules see it. */
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

/** Whether a failed attempt of this call may be sent again (the policy decides when). */
export function mayRetry(
  method: AdapterHttpMethod,
  idempotent: boolean | undefined,
  failure: AttemptFailure,
): boolean {
  return isRetryableRequest(method, idempotent) && isTransientFailure(failure);
}

/** The host's `Retry-After`, when the failure is an answer that carried one. */
export function retryAfterOf(failure: AttemptFailure): number | undefined {
  return failure.kind === 'status' ? failure.retryAfterMs : undefined;
}
