import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Cross-field check: the value must not be greater than the number in `property` of the same
 * object (`fail_at_step` ≤ `steps`). Passes when either side is not a number: the type checks of
 * each field report that.
 */
export function NotGreaterThanProperty(
  property: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notGreaterThanProperty',
      constraints: [property],
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          return typeof value !== 'number' || typeof other !== 'number' || value <= other;
        },
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}$property (${String(args?.value)}) must not be greater than ${property} (${String(
              (args?.object as Record<string, unknown> | undefined)?.[property],
            )})`,
          options,
        ),
      },
    },
    options,
  );
}
