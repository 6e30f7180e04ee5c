import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type {
  EpochEvent,
  RunTrainingOptions,
  TrainingJobRequest,
  TrainingJobResult,
} from '../engine.types';

/** The run was cancelled; `history` holds the epochs completed before. */
export class TrainingCancelledError extends TrainingEngineError {
  constructor(readonly history: EpochEvent[]) {
    super(TrainingEngineErrorCode.TRAINING_CANCELLED, 'Training cancelled');
  }
}

/** The worker failed: an error thrown in it, a crash, out of memory or a non-zero exit. */
export class TrainingWorkerError extends TrainingEngineError {
  constructor(message: string, options?: ErrorOptions) {
    super(TrainingEngineErrorCode.TRAINING_WORKER_FAILED, message, options);
  }
}

/** Runs a training job in a worker thread. */
export function runTrainingInWorker(
  request: TrainingJobRequest,
  options: RunTrainingOptions,
): Promise<TrainingJobResult> {
  void request;
  void options;
  return Promise.reject(new Error('not implemented'));
}
