import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/kit.errors';
import { flattenValidationErrors } from './validation-errors';

/**
 * The global pipe: DTOs are transformed, unknown fields rejected, and a failure answers 400
 * `VALIDATION_FAILED` with each field's problem in `message` (one line per field: a field's
 * decorators run bottom-up, so DTOs put the type check last). A JSON body that is not an object
 * (an array, a string) is refused as such rather than field by field.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && isClass(metadata.metatype) && value !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new RequestValidationError(['request body must be a JSON object']);
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The kit's global pipe (`HttpKitModule` installs it as `APP_PIPE`). */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

function isClass(metatype: ArgumentMetadata['metatype']): boolean {
  return (
    typeof metatype === 'function' &&
    ![String, Boolean, Number, Array, Object].includes(metatype as never)
  );
}
