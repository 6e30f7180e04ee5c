import { BadRequestException } from '@nestjs/common';

/** An error the API answers with a known status (see error-status.map.ts). */
export abstract class CodedError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No or a wrong API key (401). */
export class UnauthorizedError extends CodedError {
  readonly code = 'UNAUTHORIZED';
}

/** The request body is not valid JSON (400). */
export class InvalidJsonError extends CodedError {
  readonly code = 'INVALID_JSON';
}

/** The request failed validation; `message` lists each field's problems (400). */
export class RequestValidationError extends BadRequestException {
  readonly code = 'VALIDATION_FAILED';

  constructor(readonly problems: string[]) {
    super({ statusCode: 400, error: 'Bad Request', message: problems, code: 'VALIDATION_FAILED' });
  }
}
