import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/http-errors';
import { flattenValidationErrors } from './validation-errors';

/**
 * The global pipe: DTOs are transformed, unknown fields rejected, and a failure answers 400
 * `VALIDATION_FAILED` with each field's problem in `message` (one line per field).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: its decorators run bottom-up, so DTOs put the type check last.
    stopAtFirstError: true,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
