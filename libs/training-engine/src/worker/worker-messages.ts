import type {
  EpochEvent,
  TrainingEvent,
  TrainingJobRequest,
  TrainingJobResult,
} from '../engine.types';

/** What the training worker gets as `workerData`. */
export interface TrainingWorkerData {
  request: TrainingJobRequest;
  /** Int32Array view: index 0 becomes 1 on cancel. */
  cancelFlag: SharedArrayBuffer;
  batchEventEvery?: number;
  batchEventMinMs?: number;
}

/** Messages from the training worker to its parent. */
export type TrainingWorkerMessage =
  | { kind: 'event'; event: TrainingEvent }
  | { kind: 'result'; result: TrainingJobResult }
  | { kind: 'cancelled'; history: EpochEvent[] }
  | { kind: 'error'; code: string | undefined; message: string };
