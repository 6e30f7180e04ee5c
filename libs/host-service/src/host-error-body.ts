import { STATUS_CODES, type ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import { CancellationError } from '@ktrdr/async-infrastructure';
import { HostErrorCode, HostServiceError } from './host-service-error';

/** The JSON every host error answer carries. */
export interface HostErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code: string;
  details?: unknown;
  /** Only on unexpected (500) errors: quote it to find the logged stack. */
  correlation_id?: string;
}

/** How an exception is answered; `unexpected` ones are logged with a correlation id. */
export interface HostErrorAnswer {
  body: HostErrorBody;
  retryAfterSeconds?: number;
  unexpected: boolean;
}

/** Nginx's "client closed request": the client went away, the answer is never read. */
const CLIENT_CLOSED_REQUEST = 499;

/** Writes a JSON answer on a plain Node response (Express's `res.json` without Express types). */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** Maps any thrown value to the status, body and headers a host answers with. */
export function toHostErrorAnswer(exception: unknown): HostErrorAnswer {
  if (exception instanceof HostServiceError) {
    return answer(exception.status, exception.code, exception.message, {
      details: exception.details,
      retryAfterSeconds: exception.retryAfterSeconds,
    });
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (CancellationError.is(exception)) {
    return answer(CLIENT_CLOSED_REQUEST, HostErrorCode.Cancelled, exception.message);
  }
  const typed = exception as {
    status?: unknown;
    statusCode?: unknown;
    code?: unknown;
    type?: unknown;
  };
  const status = typeof typed?.status === 'number' ? typed.status : typed?.statusCode;
  if (typeof status === 'number' && status >= 400 && status <= 599) {
    const message = exception instanceof Error ? exception.message : STATUS_CODES[status];
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return answer(status, codeOf(typed.code, typed.type, status), message ?? 'Error', {
      details: (exception as { details?: unknown }).details,
      retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : undefined,
    });
  }
  return {
    ...answer(500, HostErrorCode.InternalError, 'Internal server error'),
    unexpected: true,
  };
}

function fromHttpException(exception: HttpException): HostErrorAnswer {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string')
    return answer(status, codeOf(undefined, undefined, status), response);
  const body = response as { message?: unknown; code?: unknown; details?: unknown };
  const message =
    typeof body.message === 'string' || Array.isArray(body.message)
      ? (body.message as string | string[])
      : exception.message;
  return answer(status, codeOf(body.code, undefined, status), message, { details: body.details });
}

function answer(
  status: number,
  code: string,
  message: string | string[],
  extra: { details?: unknown; retryAfterSeconds?: number } = {},
): HostErrorAnswer {
  const body: HostErrorBody = { statusCode: status, error: reasonPhrase(status), message, code };
  if (extra.details !== undefined) body.details = extra.details;
  return { body, retryAfterSeconds: extra.retryAfterSeconds, unexpected: false };
}

/** An explicit string code wins; body-parser errors have a `type`; else the status's name. */
function codeOf(code: unknown, type: unknown, status: number): string {
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  if (type === 'entity.parse.failed') return HostErrorCode.InvalidJson;
  if (type === 'entity.too.large') return HostErrorCode.PayloadTooLarge;
  return reasonPhrase(status)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function reasonPhrase(status: number): string {
  if (status === CLIENT_CLOSED_REQUEST) return 'Client Closed Request';
  return STATUS_CODES[status] ?? 'Error';
}
