import { timeframeMs } from '@ktrdr/market-data';
import { indicatorWarmup } from '../indicators/compute-indicator';
import type { Strategy } from '../strategy/strategy.types';

/**
 * Bars of history (on the base timeframe) the strategy's features need before the first row
 * with no NaN: the slowest indicator's warm-up on each timeframe, scaled to base bars, plus the
 * lags.
 */
export function warmupBars(strategy: Strategy): number {
  const used = strategy.indicators.filter((s) => strategy.fuzzy_sets[s.name] !== undefined);
  const indicatorBars = Math.max(0, ...used.map(indicatorWarmup));
  const baseMs = timeframeMs(strategy.training_data.base_timeframe);
  const perTimeframe = strategy.training_data.timeframes.map(
    (tf) => (indicatorBars + 1) * Math.ceil(timeframeMs(tf) / baseMs),
  );
  return Math.max(...perTimeframe) + strategy.model.features.lookback_periods;
}
