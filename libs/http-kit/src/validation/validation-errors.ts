import type { ValidationError } from 'class-validator';

/**
 * One readable line per problem, nested fields prefixed with their path
 * (`limit must not be greater than 1000`, `property foo should not exist`).
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent?: string,
): string[] {
  return errors.flatMap((error) => {
    const path = parent === undefined ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      parent === undefined ? message : `${parent}.${message}`,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
