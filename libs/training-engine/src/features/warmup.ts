import type { Strategy } from '../strategy/strategy.types';

/** Bars of history (on the base timeframe) the strategy's features need before the first row. */
export function warmupBars(strategy: Strategy): number {
  void strategy;
  throw new Error('not implemented');
}
