import type { ExecutionVenue } from '@ktrdr/operations';
import type { Timeframe } from '@ktrdr/market-data';
import type { Strategy } from '@ktrdr/training-engine';

/**
 * Everything a training needs, validated and resolved by the TrainingService before the
 * operation exists: the strategy (its `training_data` already holding the resolved symbols,
 * timeframes and dates), the window, the seed and the venue. It is the operation's params
 * (plain JSON, so a queued executor could carry it) and is deeply frozen: no step of the
 * pipeline can change what the next one sees.
 */
export interface TrainingOperationContext {
  readonly strategy: Readonly<Strategy>;
  readonly strategy_name: string;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Window of the training bars, epoch ms UTC (inclusive). */
  readonly start_ms: number;
  readonly end_ms: number;
  readonly seed: number;
  readonly venue: Readonly<ExecutionVenue>;
}

/** A deep-frozen copy of `input` (the caller's objects are left alone). */
export function freezeTrainingContext(input: TrainingOperationContext): TrainingOperationContext {
  return deepFreeze(structuredClone(input));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
