import type { IndicatorSpec } from '../strategy/strategy.types';
import { ema, sma } from './moving-averages';
import type { OhlcvColumns } from './ohlcv-columns';
import { cci, mfi, momentum, roc, rsi, stochastic, williamsR } from './oscillators';
import { adx, atr, bollingerPercentB, macdHistogram, obv } from './trend-volatility';

/**
 * The value an indicator feeds to its fuzzy sets, one per bar (NaN during warm-up):
 * moving averages as `close / MA`, Bollinger as %B, MACD as its histogram, stochastic as %D,
 * the others as their usual value.
 */
export function computeIndicator(spec: IndicatorSpec, bars: OhlcvColumns): Float64Array {
  const p = spec.params;
  const n = (key: string): number => p[key]!;
  switch (spec.type) {
    case 'rsi':
      return rsi(bars.c, n('period'));
    case 'sma':
      return closeOver(bars.c, sma(bars.c, n('period')));
    case 'ema':
      return closeOver(bars.c, ema(bars.c, n('period')));
    case 'macd':
      return macdHistogram(bars.c, n('fast'), n('slow'), n('signal'));
    case 'bollinger':
      return bollingerPercentB(bars.c, n('period'), n('std_dev'));
    case 'atr':
      return atr(bars, n('period'));
    case 'stochastic':
      return stochastic(bars, n('k_period'), n('d_period'));
    case 'adx':
      return adx(bars, n('period'));
    case 'roc':
      return roc(bars.c, n('period'));
    case 'momentum':
      return momentum(bars.c, n('period'));
    case 'williams_r':
      return williamsR(bars, n('period'));
    case 'cci':
      return cci(bars, n('period'));
    case 'obv':
      return obv(bars);
    case 'mfi':
      return mfi(bars, n('period'));
    default: {
      const never: never = spec.type;
      throw new Error(`unknown indicator type ${String(never)}`);
    }
  }
}

/** Bars at the head of a series for which {@link computeIndicator} gives NaN. */
export function indicatorWarmup(spec: IndicatorSpec): number {
  const p = spec.params;
  const n = (key: string): number => p[key]!;
  switch (spec.type) {
    case 'sma':
    case 'ema':
    case 'bollinger':
    case 'williams_r':
    case 'cci':
      return n('period') - 1;
    case 'rsi':
    case 'atr':
    case 'roc':
    case 'momentum':
    case 'mfi':
      return n('period');
    case 'macd':
      return n('slow') + n('signal') - 2;
    case 'stochastic':
      return n('k_period') + n('d_period') - 2;
    case 'adx':
      return 2 * n('period') - 1;
    case 'obv':
      return 0;
    default: {
      const never: never = spec.type;
      throw new Error(`unknown indicator type ${String(never)}`);
    }
  }
}

function closeOver(close: ArrayLike<number>, ma: Float64Array): Float64Array {
  for (let i = 0; i < ma.length; i++) ma[i] = close[i]! / ma[i]!;
  return ma;
}
