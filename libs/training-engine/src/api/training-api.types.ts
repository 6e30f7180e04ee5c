import type { Timeframe } from '@ktrdr/market-data';
import type { BackendName, PredictionResult, TestMetrics, TrainingMetrics } from '../engine.types';
import type { ModelVersionInfo } from '../store/model-store.types';
import type { Strategy, StrategyProblem } from '../strategy/strategy.types';

// The training API's wire contract (training.md, "API app REST"): one definition shared by the
// API app and, type-only, by the CLI.

/** Where a training runs: in a worker thread of the API, or on the training host. */
export const EXECUTION_MODES = ['local', 'host'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/** `POST /trainings` body. */
export interface StartTrainingRequest {
  strategy_name: string;
  /** Overrides the strategy's `training_data.symbols`. */
  symbols?: string[];
  /** Overrides the strategy's `training_data.timeframes`. */
  timeframes?: string[];
  start_date?: string;
  end_date?: string;
  execution?: ExecutionMode;
}

/** The one training result schema, the same for both venues. */
export interface TrainingResult {
  training_metrics: TrainingMetrics;
  test_metrics: TestMetrics;
  resource_usage: {
    training_mode: ExecutionMode;
    backend: BackendName;
    gpu_used: boolean;
    gpu_name: string | null;
    peak_memory_mb: number;
  };
  artifacts: { model_path: string; model_version: string };
  session_info: {
    operation_id: string;
    /** The training host's session id; null for a local run (the key is always there). */
    session_id: string | null;
    strategy_name: string;
    symbols: string[];
    timeframes: Timeframe[];
  };
  seed: number;
}

/** The partial result of a cancelled training: the epochs that completed. */
export interface TrainingPartialResult {
  epochs_completed: number;
  history: Array<{
    epoch: number;
    train_loss: number;
    val_loss: number;
    train_accuracy: number;
    val_accuracy: number;
  }>;
}

/** The `context` of a training's progress snapshots (what renderers and the CLI read). */
export interface TrainingProgressContext {
  strategy_name: string;
  model_type: string;
  symbols: string[];
  timeframes: Timeframe[];
  venue: ExecutionMode;
  epoch?: number;
  epochs?: number;
  batch?: number;
  batches?: number;
  loss?: number;
  accuracy?: number;
  train_loss?: number;
  val_loss?: number;
  train_accuracy?: number;
  val_accuracy?: number;
  backend?: BackendName;
  gpu_name?: string | null;
  session_id?: string;
}

/** One strategy file in `GET /strategies`. */
export interface StrategySummary {
  name: string;
  description?: string;
  valid: boolean;
  problems: StrategyProblem[];
  symbols?: string[];
  timeframes?: Timeframe[];
}

/** `GET /strategies/:name`: the file, its problems and, when valid, the parsed strategy. */
export interface StrategyDetail extends StrategySummary {
  yaml: string;
  strategy?: Strategy;
}

/** `POST /strategies/validate`. */
export interface StrategyValidation {
  name: string | null;
  valid: boolean;
  problems: StrategyProblem[];
}

/** `GET /models`. */
export interface ModelList {
  items: ModelVersionInfo[];
}

/** `POST /models/:strategy/:version/predict` body. */
export interface PredictRequest {
  symbol: string;
  timeframe: string;
  start?: string;
  end?: string;
  /** Predict on a symbol the model was not trained on. */
  force?: boolean;
}

/** `POST /models/:strategy/:version/predict` answer: columnar predictions. */
export interface PredictResponse extends PredictionResult {
  strategy: string;
  version: string;
  symbol: string;
  timeframe: Timeframe;
  count: number;
}
