import type { FuzzySetSpec } from '../strategy/strategy.types';

/** Membership in [0, 1] of `x` in a fuzzy set; NaN stays NaN. */
export function membership(set: FuzzySetSpec, x: number): number {
  const p = set.parameters;
  switch (set.type) {
    case 'triangular':
      return trapezoid(x, p[0]!, p[1]!, p[1]!, p[2]!);
    case 'trapezoidal':
      return trapezoid(x, p[0]!, p[1]!, p[2]!, p[3]!);
    case 'gaussian': {
      const d = (x - p[0]!) / p[1]!;
      return Math.exp(-0.5 * d * d);
    }
    default: {
      const never: never = set.type;
      throw new Error(`unknown fuzzy set type ${String(never)}`);
    }
  }
}

function trapezoid(x: number, a: number, b: number, c: number, d: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < a || x > d) return 0;
  if (x < b) return (x - a) / (b - a);
  if (x <= c) return 1;
  return d === c ? 1 : (d - x) / (d - c);
}

/** Memberships of a whole column. */
export function membershipColumn(set: FuzzySetSpec, values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = membership(set, values[i]!);
  return out;
}
