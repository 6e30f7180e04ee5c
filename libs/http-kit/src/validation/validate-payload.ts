import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

/** The validated DTO, or the readable problems (same rules as the global ValidationPipe). */
export type PayloadValidation<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Validates a payload that does not go through the HTTP pipe (socket.io messages) with the same
 * rules: transform, whitelist, unknown fields rejected.
 */
export async function validatePayload<T extends object>(
  dto: ClassConstructor<T>,
  payload: unknown,
): Promise<PayloadValidation<T>> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, problems: ['payload must be an object'] };
  }
  const value = plainToInstance(dto, payload);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return errors.length === 0
    ? { ok: true, value }
    : { ok: false, problems: flattenValidationErrors(errors) };
}
