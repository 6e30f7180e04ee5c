import type { runTrainingInWorker } from '@ktrdr/training-engine';

/** Injection token of the validated {@link TrainingHostConfig}. */
export const TRAINING_HOST_CONFIG = Symbol('TRAINING_HOST_CONFIG');

/** Injection token of the function that runs a job ({@link TrainingRunner}). */
export const TRAINING_RUNNER = Symbol('TRAINING_RUNNER');

/** Runs one training job: the engine's `runTrainingInWorker` (tests may pass another). */
export type TrainingRunner = typeof runTrainingInWorker;
