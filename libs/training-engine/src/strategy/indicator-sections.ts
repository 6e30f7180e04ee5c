import { INDICATOR_PARAMS, crossParamProblems } from '../indicators/indicator-params';
import { type ProblemCollector, childPath, isPlainObject } from './problem-collector';
import {
  FUZZY_SET_TYPES,
  INDICATOR_TYPES,
  type FuzzySetSpec,
  type IndicatorSpec,
  type Strategy,
} from './strategy.types';

const INDICATOR_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `indicators[]`: each entry's type, name and parameters (file values honoured, defaults filled). */
export function parseIndicators(c: ProblemCollector, value: unknown): IndicatorSpec[] | undefined {
  const list = c.array(value, 'indicators');
  if (!list) return undefined;
  const seen = new Set<string>();
  const specs = list.map((entry, i) => {
    const path = childPath('indicators', i);
    const obj = c.object(entry, path);
    if (!obj) return undefined;
    const type = c.oneOf(obj['type'], childPath(path, 'type'), INDICATOR_TYPES);
    const name =
      obj['name'] === undefined && type ? type : c.string(obj['name'], childPath(path, 'name'));
    if (name !== undefined && !INDICATOR_NAME.test(name)) {
      c.add(childPath(path, 'name'), `must match ${INDICATOR_NAME.source}`);
    } else if (name !== undefined && seen.has(name)) {
      c.add(childPath(path, 'name'), `duplicate indicator name '${name}'`);
    }
    if (name !== undefined) seen.add(name);
    if (!type || name === undefined) return undefined;
    const rules = INDICATOR_PARAMS[type];
    c.unknownKeys(obj, path, ['name', 'type', ...Object.keys(rules)]);
    const params: Record<string, number> = {};
    let ok = true;
    for (const [param, rule] of Object.entries(rules)) {
      const v = c.number(obj[param], childPath(path, param), rule, rule.default);
      if (v === undefined) ok = false;
      else params[param] = v;
    }
    if (!ok) return undefined;
    for (const p of crossParamProblems(type, params)) c.add(childPath(path, p.param), p.message);
    return { name, type, params };
  });
  return specs.every((s) => s !== undefined) ? specs : undefined;
}

const ARITY: Record<FuzzySetSpec['type'], number> = { triangular: 3, trapezoidal: 4, gaussian: 2 };

/** `fuzzy_sets`: indicator name → set name → membership function. */
export function parseFuzzySets(
  c: ProblemCollector,
  value: unknown,
  indicatorsValue: unknown,
): Strategy['fuzzy_sets'] | undefined {
  // Names as written (even in entries with other problems), so a fuzzy set naming an unknown
  // indicator is reported alongside the indicators' own problems.
  const names = Array.isArray(indicatorsValue)
    ? indicatorsValue.map((e: unknown) => (isPlainObject(e) ? (e['name'] ?? e['type']) : undefined))
    : undefined;
  const root = c.object(value, 'fuzzy_sets');
  if (!root) return undefined;
  if (Object.keys(root).length === 0) c.add('fuzzy_sets', 'must define at least one fuzzy set');
  const out: Strategy['fuzzy_sets'] = {};
  let ok = true;
  for (const [indicator, sets] of Object.entries(root)) {
    const path = childPath('fuzzy_sets', indicator);
    if (names && !names.includes(indicator)) {
      c.add(path, `names no indicator (known: ${names.map(String).join(', ')})`);
      ok = false;
    }
    const setsObj = c.object(sets, path);
    if (!setsObj) {
      ok = false;
      continue;
    }
    out[indicator] = {};
    for (const [setName, spec] of Object.entries(setsObj)) {
      const parsed = parseFuzzySet(c, spec, childPath(path, setName));
      if (parsed) out[indicator][setName] = parsed;
      else ok = false;
    }
  }
  return ok ? out : undefined;
}

function parseFuzzySet(
  c: ProblemCollector,
  value: unknown,
  path: string,
): FuzzySetSpec | undefined {
  const obj = c.object(value, path);
  if (!obj) return undefined;
  c.unknownKeys(obj, path, ['type', 'parameters']);
  const type = c.oneOf(obj['type'], childPath(path, 'type'), FUZZY_SET_TYPES);
  const paramsPath = childPath(path, 'parameters');
  const raw = c.array(obj['parameters'], paramsPath);
  if (!type || !raw) return undefined;
  if (raw.length !== ARITY[type]) {
    c.add(paramsPath, `${type} needs ${ARITY[type]} numbers, got ${raw.length}`);
    return undefined;
  }
  const nums = raw.map((v, i) => c.number(v, childPath(paramsPath, i)));
  if (nums.includes(undefined)) return undefined;
  const parameters = nums as number[];
  if (type === 'gaussian') {
    if (parameters[1]! <= 0) {
      c.add(childPath(paramsPath, 1), 'σ must be > 0');
      return undefined;
    }
  } else if (parameters.some((p, i) => i > 0 && p < parameters[i - 1]!)) {
    c.add(paramsPath, 'must be in ascending order');
    return undefined;
  } else if (parameters[0] === parameters[parameters.length - 1]) {
    c.add(paramsPath, 'first and last must differ');
    return undefined;
  }
  return { type, parameters };
}
