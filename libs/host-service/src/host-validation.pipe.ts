import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { HostErrorCode, HostServiceError } from './host-service-error';

/** One invalid field of a request: its dotted path and what is wrong with it. */
export interface FieldError {
  field: string;
  errors: string[];
}

/**
 * The global validation of a host app: DTOs are transformed, unknown fields rejected, and a
 * failure answers 400 `VALIDATION_FAILED` with `details.fields` listing every invalid field.
 */
export function createHostValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const summary = fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; ');
      return new HostServiceError(
        400,
        HostErrorCode.ValidationFailed,
        `Invalid request: ${summary}`,
        {
          details: { fields },
        },
      );
    },
  });
}

/** Flattens class-validator's nested errors into one entry per invalid field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, errors: Object.values(error.constraints) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
