import type { NumberRule } from '../strategy/problem-collector';
import type { IndicatorType } from '../strategy/strategy.types';

/** A numeric indicator parameter: its bounds and the default used when the file omits it. */
export interface ParamRule extends NumberRule {
  default: number;
}

const period = (value: number, min = 2): ParamRule => ({ integer: true, min, default: value });

/** The parameters each indicator type accepts (anything else in a strategy file is a problem). */
export const INDICATOR_PARAMS: Record<IndicatorType, Record<string, ParamRule>> = {
  rsi: { period: period(14) },
  sma: { period: period(20) },
  ema: { period: period(20) },
  macd: { fast: period(12), slow: period(26), signal: period(9, 1) },
  bollinger: { period: period(20), std_dev: { above: 0, default: 2 } },
  atr: { period: period(14) },
  stochastic: { k_period: period(14), d_period: period(3, 1) },
  adx: { period: period(14) },
  roc: { period: period(10, 1) },
  momentum: { period: period(10, 1) },
  williams_r: { period: period(14) },
  cci: { period: period(20) },
  obv: {},
  mfi: { period: period(14) },
};

/** Problems between parameters of one indicator (each one alone being valid). */
export function crossParamProblems(
  type: IndicatorType,
  params: Record<string, number>,
): Array<{ param: string; message: string }> {
  if (type === 'macd' && params['fast']! >= params['slow']!) {
    return [{ param: 'fast', message: `must be < slow (${params['slow']})` }];
  }
  return [];
}
