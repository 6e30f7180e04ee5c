import { BadRequestException, NotFoundException } from '@nestjs/common';
import { RequestValidationError, UnauthorizedError } from './http-errors';
import { toErrorResponse } from './error-response';

class CodedDomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('toErrorResponse', () => {
  it('maps a code from the table to its status, keeping the message', () => {
    expect(
      toErrorResponse(new CodedDomainError('OPERATION_ALREADY_FINISHED', 'done already')),
    ).toEqual({
      unexpected: false,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'done already',
        code: 'OPERATION_ALREADY_FINISHED',
      },
    });
    expect(toErrorResponse(new CodedDomainError('SHUTTING_DOWN', 'draining')).body.statusCode).toBe(
      503,
    );
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

  it('passes an exposed 4xx middleware error through (body-parser)', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      expose: true,
      type: 'entity.too.large',
    });
    expect(toErrorResponse(tooLarge).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request entity too large',
      code: 'PAYLOAD_TOO_LARGE',
    });
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
