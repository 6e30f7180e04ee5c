/** Codes of the errors this library throws; the API maps them to HTTP statuses. */
export enum TrainingEngineErrorCode {
  STRATEGY_NOT_FOUND = 'STRATEGY_NOT_FOUND',
  INVALID_STRATEGY_NAME = 'INVALID_STRATEGY_NAME',
  INVALID_STRATEGY = 'INVALID_STRATEGY',
  MODEL_NOT_FOUND = 'MODEL_NOT_FOUND',
  INVALID_MODEL_VERSION = 'INVALID_MODEL_VERSION',
  NO_TRAINING_DATA = 'NO_TRAINING_DATA',
  TRAINING_CANCELLED = 'TRAINING_CANCELLED',
  TRAINING_WORKER_FAILED = 'TRAINING_WORKER_FAILED',
  BACKEND_UNAVAILABLE = 'BACKEND_UNAVAILABLE',
}

/**
 * Base of every training-engine error: an `Error` with a machine-readable `code`.
 *
 * @example
 * catch (e) { if (e instanceof TrainingEngineError) return { status: 400, code: e.code }; throw e; }
 */
export class TrainingEngineError extends Error {
  /** Stable, machine-readable code (a {@link TrainingEngineErrorCode}). */
  readonly code: TrainingEngineErrorCode;

  constructor(code: TrainingEngineErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The bars given to a training job leave no usable rows (too short for warm-up, no labels…). */
export class NoTrainingDataError extends TrainingEngineError {
  constructor(message: string) {
    super(TrainingEngineErrorCode.NO_TRAINING_DATA, message);
  }
}
