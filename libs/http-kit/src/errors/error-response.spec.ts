import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { CancellationError } from '@ktrdr/async-infrastructure';
import { AppError } from './app-error';
import { defineErrorCodes, ErrorCodeConflictError } from './error-codes';
import { toErrorResponse } from './error-response';
import { RequestValidationError, UnauthorizedError } from './kit.errors';

defineErrorCodes({ SPEC_ALREADY_FINISHED: 409, SPEC_SHUTTING_DOWN: 503 });

class CodedDomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('toErrorResponse', () => {
  it('maps a declared code to its status, keeping the message', () => {
    expect(toErrorResponse(new CodedDomainError('SPEC_ALREADY_FINISHED', 'done already'))).toEqual({
      unexpected: false,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'done already',
        code: 'SPEC_ALREADY_FINISHED',
      },
    });
    expect(
      toErrorResponse(new CodedDomainError('SPEC_SHUTTING_DOWN', 'draining')).body.statusCode,
    ).toBe(503);
    expect(toErrorResponse(new UnauthorizedError('Invalid API key')).body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid API key',
      code: 'UNAUTHORIZED',
    });
  });

  it('keeps an HttpException status and derives a code from it', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nope',
      code: 'NOT_FOUND',
    });
    expect(toErrorResponse(new BadRequestException()).body.code).toBe('BAD_REQUEST');
  });

  it('keeps the list of validation problems and their code', () => {
    expect(toErrorResponse(new RequestValidationError(['a is bad', 'b is bad'])).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['a is bad', 'b is bad'],
      code: 'VALIDATION_FAILED',
    });
  });

  it('names the body-parser failures Nest hands on as HttpExceptions', () => {
    const cause = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
    });
    const tooLarge = new HttpException('request entity too large', 413, { cause });
    expect(toErrorResponse(tooLarge).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request entity too large',
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('answers an AppError with its details and Retry-After, an explicit status winning', () => {
    const paced = new AppError('SPEC_SHUTTING_DOWN', 'paced', {
      httpStatus: 429,
      retryAfterSeconds: 3,
      details: { retry_after_ms: 2500 },
    });
    expect(toErrorResponse(paced)).toEqual({
      unexpected: false,
      retryAfterSeconds: 3,
      body: {
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'paced',
        code: 'SPEC_SHUTTING_DOWN',
        details: { retry_after_ms: 2500 },
      },
    });
  });

  it('answers a full disk (ENOSPC from any write) with 507 STORAGE_FULL, naming no path', () => {
    const enospc = Object.assign(
      new Error("ENOSPC: no space left on device, write '/srv/data/.AAPL_1h.csv.1.tmp'"),
      { code: 'ENOSPC', errno: -28, syscall: 'write' },
    );
    expect(toErrorResponse(enospc)).toEqual({
      unexpected: false,
      retryAfterSeconds: undefined,
      body: {
        statusCode: 507,
        error: 'Insufficient Storage',
        message: "The server's storage is full: nothing was written",
        code: 'STORAGE_FULL',
      },
    });
  });

  it('answers a cancellation with 499 CANCELLED', () => {
    expect(toErrorResponse(new CancellationError('client disconnected')).body).toEqual({
      statusCode: 499,
      error: 'Client Closed Request',
      message: 'Cancelled: client disconnected',
      code: 'CANCELLED',
    });
  });

  it('refuses a code declared twice with different statuses', () => {
    expect(() => defineErrorCodes({ SPEC_SHUTTING_DOWN: 503 })).not.toThrow();
    expect(() => defineErrorCodes({ SPEC_SHUTTING_DOWN: 500 })).toThrow(ErrorCodeConflictError);
  });

  it('turns anything else into a 500 with a correlation id and no internals', () => {
    for (const thrown of [
      new Error('secret table users is locked'),
      new CodedDomainError('SQLITE_BUSY', 'database is locked'),
      Object.assign(new Error('hidden'), { status: 502, expose: false }),
      'a string',
    ]) {
      const { body, unexpected } = toErrorResponse(thrown);
      expect(unexpected).toBe(true);
      expect(toErrorResponse(thrown, 'req-7').body.correlation_id).toBe('req-7');
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: `Internal server error (correlation id ${String(body.correlation_id)})`,
        code: 'INTERNAL_ERROR',
        correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
  });
});
