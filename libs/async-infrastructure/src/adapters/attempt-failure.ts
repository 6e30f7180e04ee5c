import { type AxiosResponse, isAxiosError } from 'axios';
import {
  type HostCallInfo,
  type HostErrorBody,
  type HostCallError,
  HostRejectedError,
  HostTimeoutError,
  HostUnavailableError,
} from './adapter-errors';
import { parseRetryAfterMs } from '../retry/retry-policy';
import type { AttemptFailure } from './retryable-failure';

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_SOCKET_TIMEOUT',
]);

/** Classifies a non-2xx answer (`body`: its decoded body). */
export function failureFromResponse(
  response: AxiosResponse,
  body: unknown,
  nowMs = Date.now(),
): AttemptFailure {
  const retryAfter: unknown = response.headers['retry-after'];
  return {
    kind: 'status',
    status: response.status,
    body: toErrorBody(body),
    retryAfterMs: typeof retryAfter === 'string' ? parseRetryAfterMs(retryAfter, nowMs) : undefined,
  };
}

/** Classifies an attempt that got no answer (network error or timeout). */
export function failureFromError(error: unknown): AttemptFailure {
  const code = isAxiosError(error) ? error.code : (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return { kind: 'timeout', message, cause: error };
  }
  return {
    kind: 'network',
    errorCode: typeof code === 'string' ? code : 'UNKNOWN',
    message,
    cause: error,
  };
}

/** The typed error a caller receives once no retry is left for `failure`. */
export function toHostCallError(
  failure: AttemptFailure,
  info: HostCallInfo,
  timeoutMs: number,
): HostCallError {
  const where = `${info.adapter}: ${info.method} ${info.path}`;
  const tries = `after ${info.attempts} attempt${info.attempts === 1 ? '' : 's'}`;
  switch (failure.kind) {
    case 'timeout':
      return new HostTimeoutError(
        `${where} timed out (${timeoutMs} ms per attempt) ${tries}`,
        info,
        timeoutMs,
        failure.cause,
      );
    case 'network':
      return new HostUnavailableError(
        `${where} failed ${tries}: ${failure.errorCode} ${failure.message}`,
        info,
        undefined,
        failure.errorCode,
        failure.cause,
      );
    case 'status':
      if (failure.status === 502 || failure.status === 503 || failure.status === 504) {
        const hostMessage = failure.body?.message;
        return new HostUnavailableError(
          `${where} answered ${failure.status} ${tries}` +
            (hostMessage ? `: ${String(hostMessage)}` : ''),
          info,
          failure.status,
          failure.body?.code,
        );
      }
      return new HostRejectedError(info, failure.status, failure.body, failure.retryAfterMs);
    default: {
      const unreachable: never = failure;
      return unreachable;
    }
  }
}

function toErrorBody(data: unknown): HostErrorBody | undefined {
  if (typeof data === 'string' && data.length > 0) return { message: data.slice(0, 500) };
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const message = record.message;
  return {
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : undefined,
    error: typeof record.error === 'string' ? record.error : undefined,
    message:
      typeof message === 'string' || (Array.isArray(message) && message.every(isString))
        ? message
        : undefined,
    code: typeof record.code === 'string' ? record.code : undefined,
    details: record.details,
  };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
