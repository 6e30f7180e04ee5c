import type { StrategyProblem } from './strategy.types';

type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Joins a parent path and a key or index: `indicators` + 2 → `indicators[2]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Bounds for {@link ProblemCollector.number}. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
}

/**
 * Reads fields of untyped YAML data and records every problem with its path instead of stopping
 * at the first; each reader returns `undefined` when the value is unusable.
 */
export class ProblemCollector {
  readonly problems: StrategyProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  object(value: unknown, path: string, required = true): Plain | undefined {
    if (value === undefined && !required) return undefined;
    if (isPlainObject(value)) return value;
    this.add(path, value === undefined ? 'is required' : 'must be a mapping');
    return undefined;
  }

  array(value: unknown, path: string, nonEmpty = true): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.add(path, value === undefined ? 'is required' : 'must be a list');
      return undefined;
    }
    if (nonEmpty && value.length === 0) {
      this.add(path, 'must not be empty');
      return undefined;
    }
    return value as unknown[];
  }

  string(value: unknown, path: string, required = true): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    this.add(path, value === undefined ? 'is required' : 'must be a non-empty string');
    return undefined;
  }

  oneOf<T extends string>(
    value: unknown,
    path: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    this.add(
      path,
      value === undefined
        ? 'is required'
        : `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`,
    );
    return undefined;
  }

  number(
    value: unknown,
    path: string,
    rule: NumberRule = {},
    fallback?: number,
  ): number | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, value === undefined ? 'is required' : 'must be a number');
      return undefined;
    }
    const broken = brokenRule(value, rule);
    if (broken !== undefined) {
      this.add(path, broken);
      return undefined;
    }
    return value;
  }

  /** Records every key of `obj` not in `known`. */
  unknownKeys(obj: Plain, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.add(childPath(path, key), 'unknown field');
    }
  }
}

function brokenRule(value: number, rule: NumberRule): string | undefined {
  if (rule.integer && !Number.isInteger(value)) return 'must be an integer';
  if (rule.min !== undefined && value < rule.min) return `must be ≥ ${rule.min}`;
  if (rule.above !== undefined && value <= rule.above) return `must be > ${rule.above}`;
  if (rule.max !== undefined && value > rule.max) return `must be ≤ ${rule.max}`;
  if (rule.below !== undefined && value >= rule.below) return `must be < ${rule.below}`;
  return undefined;
}
