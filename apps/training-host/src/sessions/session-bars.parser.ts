import {
  isTimeframe,
  normalizeSymbol,
  type ColumnarBars,
  type Timeframe,
} from '@ktrdr/market-data';
import type { SeriesBars, StrategyProblem } from '@ktrdr/training-engine';

const COLUMNS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;
/** Enough to explain a bad body without answering megabytes. */
const MAX_PROBLEMS = 50;

/**
 * Checks the `bars` of a session request: an array holding exactly one series per requested
 * symbol × timeframe, each with equal-length columns `t o h l c v` of finite numbers, `t`
 * strictly ascending integers (epoch ms), volumes ≥ 0, and `count` (when given) equal to the
 * length. Returns the series in symbols × timeframes order, or every problem found (first bad
 * value per column) with its path.
 */
export function parseSessionBars(
  bars: unknown,
  symbols: readonly string[],
  timeframes: readonly Timeframe[],
): { ok: true; series: SeriesBars[] } | { ok: false; problems: StrategyProblem[] } {
  const problems: StrategyProblem[] = [];
  if (!Array.isArray(bars)) {
    return { ok: false, problems: [{ path: 'bars', message: 'must be an array of series' }] };
  }
  const found = new Map<string, SeriesBars>();
  // Series present but invalid: their problems are listed, they are not also "missing".
  const named = new Set<string>();
  bars.forEach((raw: unknown, i) => {
    const key = seriesKey(raw);
    if (key) named.add(key);
    const series = parseSeries(raw, `bars[${i}]`, problems);
    if (!series || !key) return;
    if (!symbols.includes(series.symbol) || !timeframes.includes(series.timeframe)) {
      problems.push({
        path: `bars[${i}]`,
        message: `${series.symbol} ${series.timeframe} is not among the requested symbols × timeframes`,
      });
    } else if (found.has(key)) {
      problems.push({
        path: `bars[${i}]`,
        message: `a second series for ${series.symbol} ${series.timeframe}`,
      });
    } else {
      found.set(key, series);
    }
  });
  const ordered: SeriesBars[] = [];
  for (const symbol of symbols) {
    for (const timeframe of timeframes) {
      const series = found.get(`${symbol}|${timeframe}`);
      if (series) ordered.push(series);
      else if (!named.has(`${symbol}|${timeframe}`))
        problems.push({ path: 'bars', message: `no series for ${symbol} ${timeframe}` });
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, series: ordered };
}

function seriesKey(raw: unknown): string | undefined {
  const { symbol, timeframe } = (raw ?? {}) as { symbol?: unknown; timeframe?: unknown };
  try {
    return isTimeframe(timeframe) ? `${normalizeSymbol(symbol as string)}|${timeframe}` : undefined;
  } catch {
    return undefined;
  }
}

function parseSeries(
  raw: unknown,
  at: string,
  problems: StrategyProblem[],
): SeriesBars | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({
      path: at,
      message: 'must be an object { symbol, timeframe, t, o, h, l, c, v }',
    });
    return undefined;
  }
  const value = raw as Record<string, unknown>;
  const before = problems.length;
  let symbol = '';
  try {
    symbol = normalizeSymbol(value.symbol as string);
  } catch (error) {
    problems.push({ path: `${at}.symbol`, message: (error as Error).message });
  }
  const timeframe = value.timeframe;
  if (!isTimeframe(timeframe)) {
    problems.push({
      path: `${at}.timeframe`,
      message: `unknown timeframe ${JSON.stringify(timeframe)}`,
    });
  }
  const columns = COLUMNS.map((name) => checkColumn(value[name], `${at}.${name}`, problems));
  const [t] = columns;
  if (t && t.length === 0)
    problems.push({ path: `${at}.t`, message: 'must hold at least one bar' });
  if (t) {
    columns.forEach((column, k) => {
      if (column && column.length !== t.length) {
        problems.push({
          path: `${at}.${COLUMNS[k]}`,
          message: `has ${column.length} values, t has ${t.length}`,
        });
      }
    });
    checkTimes(t, `${at}.t`, problems);
    if (value.count !== undefined && value.count !== t.length) {
      problems.push({
        path: `${at}.count`,
        message: `is ${JSON.stringify(value.count)}, t has ${t.length}`,
      });
    }
  }
  const volume = columns[5];
  const negative = volume?.findIndex((v) => v < 0) ?? -1;
  if (negative >= 0) problems.push({ path: `${at}.v[${negative}]`, message: 'must be ≥ 0' });
  if (problems.length > before || !isTimeframe(timeframe)) return undefined;
  const [, o, h, l, c, v] = columns as number[][];
  const bars: ColumnarBars = {
    symbol,
    timeframe,
    count: t!.length,
    t: t!,
    o: o!,
    h: h!,
    l: l!,
    c: c!,
    v: v!,
  };
  return { symbol, timeframe, bars };
}

/** The column when it is an array of finite numbers; else records the first bad value. */
function checkColumn(raw: unknown, at: string, problems: StrategyProblem[]): number[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push({ path: at, message: 'must be an array of numbers' });
    return undefined;
  }
  for (let i = 0; i < raw.length; i += 1) {
    const x: unknown = raw[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      problems.push({
        path: `${at}[${i}]`,
        message: `must be a finite number, got ${JSON.stringify(x)}`,
      });
      return undefined;
    }
  }
  return raw as number[];
}

function checkTimes(t: number[], at: string, problems: StrategyProblem[]): void {
  for (let i = 0; i < t.length; i += 1) {
    const ms = t[i]!;
    if (!Number.isInteger(ms) || ms < 0) {
      problems.push({
        path: `${at}[${i}]`,
        message: 'must be epoch milliseconds (an integer ≥ 0)',
      });
      return;
    }
    if (i > 0 && ms <= t[i - 1]!) {
      problems.push({ path: `${at}[${i}]`, message: 'times must be strictly ascending' });
      return;
    }
  }
}
