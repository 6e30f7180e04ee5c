import { InvalidArgumentError } from 'commander';

/** A commander argument parser for an integer in [min, max]; anything else is a usage error. */
export function integerArgument(
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): (value: string) => number {
  return (value) => {
    const trimmed = value.trim();
    if (!/^-?\d+$/.test(trimmed)) throw new InvalidArgumentError('Not an integer.');
    const parsed = Number(trimmed);
    if (parsed < min || parsed > max) {
      throw new InvalidArgumentError(`Must be between ${min} and ${max}.`);
    }
    return parsed;
  };
}
