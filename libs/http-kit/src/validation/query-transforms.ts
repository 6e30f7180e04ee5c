import type { TransformFnParams } from 'class-transformer';

/**
 * Query-string transforms for DTOs (`@Transform(toInteger)`): a query value arrives as a
 * string; only an exact form converts, anything else is left for the type check to reject
 * with a message naming the field.
 */
export function toInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** 'true' / 'false' → boolean; anything else left for `@IsBoolean` to reject. */
export function toBoolean({ value }: TransformFnParams): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
