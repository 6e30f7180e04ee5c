import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { CancellationError } from '@ktrdr/async-infrastructure';
import { AppError } from './app-error';
import { statusForCode } from './error-codes';
import {
  CLIENT_CLOSED_REQUEST,
  KitErrorCode,
  RequestValidationError,
  StorageFullError,
} from './kit.errors';

/** The JSON body of every error answer. */
export interface ErrorResponseBody {
  statusCode: number;
  error: string;
  /** What went wrong; for validation errors, one line per invalid field. */
  message: string | string[];
  code: string;
  /** Structured extra information some errors carry (a head timestamp, a pacing wait…). */
  details?: unknown;
  /** Only on unexpected errors (500): the id under which the stack was logged. */
  correlation_id?: string;
}

/** How an error is answered; `unexpected` ones are to be logged with their stack. */
export interface ErrorResponse {
  body: ErrorResponseBody;
  /** For the `Retry-After` header. */
  retryAfterSeconds?: number;
  unexpected: boolean;
}

/**
 * Turns anything thrown into the error answer:
 * - an error with a declared `code` ({@link defineErrorCodes}), or an {@link AppError} with an
 *   explicit status: that status, its message, code, details and Retry-After;
 * - a cancellation: 499 `CANCELLED`; a full disk (ENOSPC, whatever wrote): 507 `STORAGE_FULL`;
 * - a Nest `HttpException`: its status, message and code (default: from the status); malformed
 *   JSON and oversized bodies (body-parser) are `INVALID_JSON` and `PAYLOAD_TOO_LARGE`;
 * - anything else: 500 `INTERNAL_ERROR` naming `correlationId` (default: a fresh UUID), with no
 *   internal detail.
 */
export function toErrorResponse(
  exception: unknown,
  correlationId: string = randomUUID(),
): ErrorResponse {
  const error = CancellationError.from(exception) ?? StorageFullError.from(exception) ?? exception;
  if (error instanceof HttpException) return { body: fromHttpException(error), unexpected: false };
  const code = stringField(error, 'code');
  const status =
    (error instanceof AppError ? error.httpStatus : undefined) ??
    (code === undefined ? undefined : statusForCode(code));
  if (code !== undefined && status !== undefined && error instanceof Error) {
    const message = error instanceof RequestValidationError ? error.problems : error.message;
    const body = build(status, message, code);
    if (error instanceof AppError && error.details !== undefined) body.details = error.details;
    const retryAfterSeconds = error instanceof AppError ? error.retryAfterSeconds : undefined;
    return { body, retryAfterSeconds, unexpected: false };
  }
  const body = build(
    HttpStatus.INTERNAL_SERVER_ERROR,
    `Internal server error (correlation id ${correlationId})`,
    KitErrorCode.InternalError,
  );
  return { body: { ...body, correlation_id: correlationId }, unexpected: true };
}

function fromHttpException(exception: HttpException): ErrorResponseBody {
  const status = exception.getStatus();
  const parser = bodyParserError(exception.cause);
  if (parser) return build(status, parser.message, parser.code);
  const response = exception.getResponse();
  if (typeof response === 'string') return build(status, response, stringField(exception, 'code'));
  const message = (response as { message?: unknown }).message;
  return build(
    status,
    typeof message === 'string' || isStringArray(message) ? message : exception.message,
    stringField(response, 'code') ?? stringField(exception, 'code'),
  );
}

/** body-parser's failures, which Nest hands on as the `cause` of an HttpException. */
function bodyParserError(cause: unknown): { code: string; message: string } | undefined {
  const type = stringField(cause, 'type');
  const message = cause instanceof Error ? cause.message : '';
  if (type === 'entity.parse.failed') {
    return {
      code: KitErrorCode.InvalidJson,
      message: `Malformed JSON in request body: ${message}`,
    };
  }
  if (type === 'entity.too.large') return { code: KitErrorCode.PayloadTooLarge, message };
  return undefined;
}

function build(status: number, message: string | string[], code?: string): ErrorResponseBody {
  const error =
    status === CLIENT_CLOSED_REQUEST ? 'Client Closed Request' : (STATUS_CODES[status] ?? 'Error');
  return { statusCode: status, error, message, code: code ?? defaultCode(error) };
}

/** 'Not Found' → 'NOT_FOUND'. */
function defaultCode(reason: string): string {
  return reason
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
