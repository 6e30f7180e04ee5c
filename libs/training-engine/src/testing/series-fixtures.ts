// Bars for specs: the market-data synthetic provider's deterministic series.
import { generateSyntheticBars, type Timeframe } from '@ktrdr/market-data';
import type { SeriesBars } from '../engine.types';

/** Synthetic bars of `symbol` on `timeframe` over `[from, to)` (ISO dates). */
export function syntheticSeries(
  symbol: string,
  timeframe: Timeframe,
  from: string,
  to: string,
): SeriesBars {
  const bars = generateSyntheticBars(symbol, timeframe, Date.parse(from), Date.parse(to));
  return { symbol, timeframe, bars: { ...bars, symbol, timeframe, count: bars.t.length } };
}
