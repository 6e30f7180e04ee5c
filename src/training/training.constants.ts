import type { ProgressStepDefinition } from '@ktrdr/async-infrastructure';

/** The operation type under which trainings run in the registry. */
export const TRAINING_OPERATION = 'training';

/** The StrategyCatalog over STRATEGIES_DIR. */
export const STRATEGY_CATALOG = Symbol('STRATEGY_CATALOG');

/** The ModelStore over MODELS_DIR. */
export const MODEL_STORE = Symbol('MODEL_STORE');

/** Optional TrainingTuning (tests and benchmarks shorten or change it). */
export const TRAINING_TUNING = Symbol('TRAINING_TUNING');

/** Knobs of a training's progress and host following. */
export interface TrainingTuning {
  /** Report every Nth batch (the first and last of each epoch always). Default 10. */
  batchEvery?: number;
  /** First wait before polling a host session again after its event stream dropped (ms). */
  pollBaseMs?: number;
  /** Longest wait between two polls (ms). */
  pollMaxMs?: number;
}

/** The phases of a training and their percentage ranges (training.md, "Progress"). */
export const TRAINING_STEPS: readonly ProgressStepDefinition[] = [
  { name: 'preparing', start: 0, end: 2 },
  { name: 'loading_data', start: 2, end: 8 },
  { name: 'computing_features', start: 8, end: 10 },
  { name: 'training', start: 10, end: 95 },
  { name: 'evaluating_saving', start: 95, end: 100 },
];
