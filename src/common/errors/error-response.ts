import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { statusForCode } from './error-status.map';

/** The JSON body of every error answer. */
export interface ErrorResponseBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code: string;
  /** Only on unexpected errors (500): the id under which the stack was logged. */
  correlation_id?: string;
}

/** What the filter sends, and whether the error was unexpected (to be logged with its stack). */
export interface ErrorResponse {
  body: ErrorResponseBody;
  unexpected: boolean;
}

/**
 * Turns anything thrown into the API's error answer:
 * - HttpException: its status; message and code from its response (code defaults from status);
 * - an error with a `code` listed in ERROR_STATUS: that status, its message and code;
 * - a client error raised by middleware (`expose` and a 4xx `status`, as body-parser's): as is;
 * - anything else: 500 with a fresh correlation id and no internal detail.
 */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof HttpException) {
    return { body: fromHttpException(exception), unexpected: false };
  }
  const code = stringField(exception, 'code');
  const status = code === undefined ? undefined : statusForCode(code);
  if (code !== undefined && status !== undefined) {
    return { body: build(status, messageOf(exception), code), unexpected: false };
  }
  const exposed = exposedClientStatus(exception);
  if (exposed !== undefined) {
    return { body: build(exposed, messageOf(exception)), unexpected: false };
  }
  const correlationId = randomUUID();
  const body = build(
    HttpStatus.INTERNAL_SERVER_ERROR,
    `Internal server error (correlation id ${correlationId})`,
    'INTERNAL_ERROR',
  );
  return { body: { ...body, correlation_id: correlationId }, unexpected: true };
}

function fromHttpException(exception: HttpException): ErrorResponseBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return build(status, response, stringField(exception, 'code'));
  const message = (response as { message?: unknown }).message;
  return build(
    status,
    typeof message === 'string' || isStringArray(message) ? message : exception.message,
    stringField(response, 'code') ?? stringField(exception, 'code'),
  );
}

function build(status: number, message: string | string[], code?: string): ErrorResponseBody {
  const error = STATUS_CODES[status] ?? 'Error';
  return { statusCode: status, error, message, code: code ?? defaultCode(error) };
}

/** 'Not Found' → 'NOT_FOUND'. */
function defaultCode(reason: string): string {
  return reason
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function exposedClientStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { expose, status } = exception as { expose?: unknown; status?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
}

function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
