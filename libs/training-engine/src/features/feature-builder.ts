import { timeframeMs, type Timeframe } from '@ktrdr/market-data';
import { NoTrainingDataError } from '../errors';
import { computeIndicator } from '../indicators/compute-indicator';
import type { OhlcvColumns } from '../indicators/ohlcv-columns';
import type { Strategy } from '../strategy/strategy.types';
import { membershipColumn } from './fuzzy-membership';
import { alignToBase, gather } from './timeframe-alignment';

/** Bars of one symbol on one timeframe (open times ascending). */
export interface TimeframeBars extends OhlcvColumns {
  t: ArrayLike<number>;
}

/** Features of one symbol, one row per base bar (columnar; NaN where not yet defined). */
export interface FeatureFrame {
  /** Base bars' open times. */
  t: ArrayLike<number>;
  /** Base bars' closes (for labels). */
  close: ArrayLike<number>;
  names: string[];
  columns: Float64Array[];
}

/** The feature names a strategy produces, in column order. */
export function featureNames(strategy: Strategy): string[] {
  return featureLayout(strategy).names;
}

interface FeatureSource {
  name: string;
  timeframe: Timeframe;
  indicator: string;
  set: string;
}

function featureLayout(strategy: Strategy): { sources: FeatureSource[]; names: string[] } {
  const tfs = strategy.training_data.timeframes;
  const sources: FeatureSource[] = [];
  for (const timeframe of tfs) {
    for (const [indicator, sets] of Object.entries(strategy.fuzzy_sets)) {
      for (const set of Object.keys(sets)) {
        const base = `${indicator}_${set}`;
        sources.push({
          name: tfs.length > 1 ? `${timeframe}_${base}` : base,
          timeframe,
          indicator,
          set,
        });
      }
    }
  }
  sources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = sources.map((s) => s.name);
  for (let k = 1; k <= strategy.model.features.lookback_periods; k++) {
    for (const s of sources) names.push(`${s.name}_lag_${k}`);
  }
  return { sources, names };
}

/**
 * Indicators → fuzzy memberships → alignment onto the base timeframe → lags, for one symbol.
 * The value at base bar `i` depends only on bars closed by the time bar `i` closes.
 */
export function buildFeatures(
  strategy: Strategy,
  bars: ReadonlyMap<Timeframe, TimeframeBars>,
): FeatureFrame {
  const baseTf = strategy.training_data.base_timeframe;
  const base = bars.get(baseTf);
  if (!base) throw new NoTrainingDataError(`no ${baseTf} bars`);
  const { sources, names } = featureLayout(strategy);
  const byName = new Map(strategy.indicators.map((s) => [s.name, s]));
  const cache = new Map<string, Float64Array>();
  const alignment = new Map<Timeframe, Int32Array>();
  const aligned: Float64Array[] = sources.map((src) => {
    const tfBars = bars.get(src.timeframe);
    if (!tfBars) throw new NoTrainingDataError(`no ${src.timeframe} bars`);
    const key = `${src.timeframe}/${src.indicator}`;
    let values = cache.get(key);
    if (!values) {
      values = computeIndicator(byName.get(src.indicator)!, tfBars);
      cache.set(key, values);
    }
    const column = membershipColumn(strategy.fuzzy_sets[src.indicator]![src.set]!, values);
    if (src.timeframe === baseTf) return column;
    let index = alignment.get(src.timeframe);
    if (!index) {
      index = alignToBase(base.t, timeframeMs(baseTf), tfBars.t, timeframeMs(src.timeframe));
      alignment.set(src.timeframe, index);
    }
    return gather(column, index);
  });
  const columns = [...aligned];
  for (let k = 1; k <= strategy.model.features.lookback_periods; k++) {
    for (const col of aligned) columns.push(lag(col, k));
  }
  return { t: base.t, close: base.c, names, columns };
}

function lag(column: Float64Array, k: number): Float64Array {
  const out = new Float64Array(column.length).fill(NaN);
  out.set(column.subarray(0, Math.max(0, column.length - k)), k);
  return out;
}
