import type { ResourceLimits } from 'node:worker_threads';
import type { ColumnarBars, Timeframe } from '@ktrdr/market-data';
import type { Strategy } from './strategy/strategy.types';

/** TensorFlow.js backends, in order of preference. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Input bars: one series per symbol × timeframe; timestamps are bar open times, epoch ms UTC. */
export interface SeriesBars {
  symbol: string;
  timeframe: Timeframe;
  bars: ColumnarBars;
}

/** The job a worker thread (API) or the training host runs. */
export interface TrainingJobRequest {
  strategy: Strategy;
  series: SeriesBars[];
  /** Defaults to the strategy's `model.training.seed` (42). */
  seed?: number;
  /** Forces a backend (else `TFJS_BACKEND`, else the first that loads). */
  backend?: BackendName;
  /** Where artifacts are written (a temp dir the caller publishes on success). */
  outputDir: string;
}

export type TrainingPhase = 'features' | 'training' | 'evaluating' | 'saving';

/** Progress from a running job. */
export type TrainingEvent =
  | { type: 'backend'; backend: BackendName; gpu_name: string | null }
  | { type: 'phase'; phase: TrainingPhase }
  | {
      type: 'batch';
      epoch: number;
      epochs: number;
      batch: number;
      batches: number;
      loss: number;
      accuracy: number;
      /** When the batch ended (epoch ms): events cross a thread and may be read later. */
      at: number;
    }
  | {
      type: 'epoch';
      epoch: number;
      epochs: number;
      train_loss: number;
      val_loss: number;
      train_accuracy: number;
      val_accuracy: number;
    };

export type EpochEvent = Extract<TrainingEvent, { type: 'epoch' }>;

export const SIGNAL_CLASSES = ['BUY', 'HOLD', 'SELL'] as const;
export type SignalClass = (typeof SIGNAL_CLASSES)[number];

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface TrainingMetrics {
  final_train_loss: number;
  final_val_loss: number;
  final_train_accuracy: number;
  final_val_accuracy: number;
  epochs_completed: number;
  /** 1-based epoch whose weights were kept. */
  best_epoch: number;
  early_stopped: boolean;
  training_time_ms: number;
}

export interface TestMetrics {
  loss: number;
  accuracy: number;
  /** Weighted by support. */
  precision: number;
  recall: number;
  f1: number;
  per_class: Record<SignalClass, ClassMetrics>;
  /** rows = true class, columns = predicted, in BUY, HOLD, SELL order. */
  confusion_matrix: number[][];
}

/** The engine part of the one training result schema. */
export interface TrainingJobResult {
  training_metrics: TrainingMetrics;
  test_metrics: TestMetrics;
  backend: BackendName;
  gpu_name: string | null;
  peak_memory_mb: number;
  seed: number;
  feature_names: string[];
  input_size: number;
  /** Artifact files written into `outputDir` (relative names). */
  files: string[];
}

/** Options of {@link runTrainingInWorker}. */
export interface RunTrainingOptions {
  signal: AbortSignal;
  onEvent: (event: TrainingEvent) => void;
  resourceLimits?: ResourceLimits;
}

/** Predictions of a stored model over bars, columnar. */
export interface PredictionResult {
  t: number[];
  signal: SignalClass[];
  p_buy: number[];
  p_hold: number[];
  p_sell: number[];
}
