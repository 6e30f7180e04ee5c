import { parseDocument } from 'yaml';
import { isTimeframe, timeframeMs, type Timeframe } from '@ktrdr/market-data';
import { ProblemCollector, childPath, isPlainObject } from './problem-collector';
import { parseFuzzySets, parseIndicators } from './indicator-sections';
import { parseModel, parseTraining } from './model-sections';
import type { Strategy, StrategyParseResult } from './strategy.types';

/** Options of {@link parseStrategy}. */
export interface ParseStrategyOptions {
  /** The file stem the strategy's `name` must equal. */
  expectedName?: string;
}

/** What a strategy (and model version, symbol) name must look like. */
export const STRATEGY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Parses and validates a strategy file. A bad file gets every problem, each with its path
 * (`indicators[2].period: must be ≥ 2`), never just the first.
 *
 * @example
 * const result = parseStrategy(await readFile('strategies/rsi.yaml', 'utf8'), { expectedName: 'rsi' });
 * if (!result.ok) console.log(result.problems);
 */
export function parseStrategy(
  yamlText: string,
  options: ParseStrategyOptions = {},
): StrategyParseResult {
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: '', message: `YAML: ${e.message}` })),
    };
  }
  const c = new ProblemCollector();
  const root: unknown = doc.toJS();
  if (!isPlainObject(root)) {
    c.add('', 'a strategy file must be a YAML mapping');
    return { ok: false, problems: c.problems };
  }
  const name = c.string(root['name'], 'name');
  if (name !== undefined && !STRATEGY_NAME_PATTERN.test(name)) {
    c.add('name', `must match ${STRATEGY_NAME_PATTERN.source}`);
  } else if (
    name !== undefined &&
    options.expectedName !== undefined &&
    name !== options.expectedName
  ) {
    c.add('name', `must equal the file name '${options.expectedName}'`);
  }
  const description = c.string(root['description'], 'description', false);
  const trainingData = parseTrainingData(c, root['training_data']);
  const indicators = parseIndicators(c, root['indicators']);
  const fuzzySets = parseFuzzySets(c, root['fuzzy_sets'], root['indicators']);
  const model = parseModel(c, root['model']);
  const training = parseTraining(c, root['training']);
  if (
    c.problems.length > 0 ||
    !name ||
    !trainingData ||
    !indicators ||
    !fuzzySets ||
    !model ||
    !training
  ) {
    if (c.problems.length === 0) c.add('', 'invalid strategy');
    return { ok: false, problems: c.problems };
  }
  const strategy: Strategy = {
    name,
    ...(description !== undefined && { description }),
    training_data: trainingData,
    indicators,
    fuzzy_sets: fuzzySets,
    model,
    training,
  };
  return { ok: true, strategy };
}

function parseTrainingData(
  c: ProblemCollector,
  value: unknown,
): Strategy['training_data'] | undefined {
  const path = 'training_data';
  const td = c.object(value, path);
  if (!td) return undefined;
  c.unknownKeys(td, path, ['symbols', 'timeframes', 'base_timeframe', 'start_date', 'end_date']);
  const symbols = c
    .array(td['symbols'], childPath(path, 'symbols'))
    ?.map((s, i) => c.string(s, childPath(childPath(path, 'symbols'), i))?.toUpperCase());
  const tfPath = childPath(path, 'timeframes');
  const timeframes = c.array(td['timeframes'], tfPath)?.map((tf, i) => {
    if (isTimeframe(tf)) return tf;
    c.add(childPath(tfPath, i), `unknown timeframe '${String(tf)}'`);
    return undefined;
  });
  if (timeframes && new Set(timeframes).size !== timeframes.length) c.add(tfPath, 'has duplicates');
  const valid = timeframes?.filter((tf): tf is Timeframe => tf !== undefined) ?? [];
  valid.sort((a, b) => timeframeMs(a) - timeframeMs(b));
  let base = valid[0];
  if (td['base_timeframe'] !== undefined) {
    base = isTimeframe(td['base_timeframe']) ? td['base_timeframe'] : undefined;
    if (base === undefined || (timeframes && !valid.includes(base))) {
      c.add(childPath(path, 'base_timeframe'), 'must be one of training_data.timeframes');
    }
  }
  const start = parseDate(c, td['start_date'], childPath(path, 'start_date'));
  const end = parseDate(c, td['end_date'], childPath(path, 'end_date'));
  if (start && end && Date.parse(start) >= Date.parse(end)) {
    c.add(childPath(path, 'end_date'), 'must be after start_date');
  }
  if (
    !symbols ||
    symbols.includes(undefined) ||
    !timeframes ||
    timeframes.includes(undefined) ||
    !base
  ) {
    return undefined;
  }
  return {
    symbols: symbols as string[],
    timeframes: valid,
    base_timeframe: base,
    ...(start !== undefined && { start_date: start }),
    ...(end !== undefined && { end_date: end }),
  };
}

function parseDate(c: ProblemCollector, value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  // YAML turns an unquoted 2024-01-01 into a Date.
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text === 'string' && Number.isFinite(Date.parse(text))) return text;
  c.add(path, 'must be an ISO-8601 date');
  return undefined;
}
