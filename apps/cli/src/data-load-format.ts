import type { DataLoadResult } from './api.types';
import { formatBarTime, formatCount, formatValidation, plural } from './data-format';

/** True when an operation's `result` has the shape of a data load result. */
export function isDataLoadResult(value: unknown): value is DataLoadResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Partial<Record<keyof DataLoadResult, unknown>>;
  return (
    typeof result.symbol === 'string' &&
    typeof result.source === 'string' &&
    typeof result.bars_fetched === 'number' &&
    typeof result.bars_after === 'number' &&
    typeof result.segments_planned === 'number' &&
    Array.isArray(result.warnings)
  );
}

/**
 * The summary printed after `data load` ends: what was fetched and is cached now, the
 * segments, where the bars came from (loudly when they are synthetic), then one line per
 * warning. For example:
 *
 * ```
 * AAPL 1d tail: 21 bars fetched, 21 cached (was 0), 2024-05-01 → 2024-05-30
 * segments 1/1 fetched, 0 failed · 2 requests, 0 retries · validation: no issues
 * source: SYNTHETIC — generated bars, not market data
 * warning: synthetic data: generated bars for development and tests, not market data
 * ```
 */
export function formatLoadSummary(result: DataLoadResult): string {
  const daily = result.timeframe === '1d' || result.timeframe === '1w';
  const span =
    result.first_bar && result.last_bar
      ? `, ${formatBarTime(result.first_bar, daily)} → ${formatBarTime(result.last_bar, daily)}`
      : '';
  const local = result.mode === 'local';
  const state = result.cancelled ? ' (cancelled)' : '';
  const what = local
    ? `${formatCount(result.bars_in_range)} of ${plural(result.bars_after, 'cached bar')} in range`
    : `${plural(result.bars_fetched, 'bar')} fetched${result.cancelled ? ' and kept' : ''}, ` +
      `${plural(result.bars_after, 'bar')} cached (was ${result.bars_before})`;
  const work = [
    `segments ${result.segments_fetched}/${result.segments_planned} fetched, ` +
      `${result.segments_failed} failed`,
    `${plural(result.requests_made, 'request')}, ${plural(result.retries, 'retry', 'retries')}`,
  ];
  const lines = [
    `${result.symbol} ${result.timeframe} ${result.mode}${state}: ${what}${span}`,
    [...(local ? [] : work), `validation: ${formatValidation(result.validation)}`].join(' · '),
    `source: ${describeSource(result)}`,
    ...result.warnings.map((warning) => `warning: ${warning}`),
  ];
  return lines.join('\n');
}

function describeSource(result: DataLoadResult): string {
  const where = result.venue === 'host' ? ' via the data host' : '';
  switch (result.source) {
    case 'synthetic':
      return `SYNTHETIC${where} — generated bars, not market data`;
    case 'cache':
      return 'local cache (nothing fetched)';
    default:
      return `${result.source}${where}`;
  }
}
