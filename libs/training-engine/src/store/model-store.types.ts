import type { EpochEvent, TestMetrics, TrainingMetrics } from '../engine.types';

/** One epoch of a training: train/validation loss and accuracy. */
export type EpochMetrics = Omit<EpochEvent, 'type'>;

/** One stored model version, `{MODELS_DIR}/{strategy}/{version}/`. */
export interface ModelVersionInfo {
  strategy: string;
  /** `{SYMBOLS}_{TFS}_v{N}`, e.g. `AAPL_1h_v3`. */
  version: string;
  number: number;
  /** Absolute folder of the version. */
  path: string;
  created_at: string;
  symbols: string[];
  timeframes: string[];
  feature_names: string[];
  input_size: number;
  test_metrics: TestMetrics;
  training_metrics: TrainingMetrics;
  is_latest: boolean;
  /** The training operation that made the version; null for one made before this was kept. */
  operation_id: string | null;
}

/** One version with the per-epoch curves of the training that made it (`GET` of one version). */
export interface ModelVersionDetail extends ModelVersionInfo {
  /** Every epoch in order; empty for a version made before the curves were kept. */
  training_history: EpochMetrics[];
}

/** What {@link ModelStore.publish} needs: the finished run's artifact folder and its identity. */
export interface PublishModelInput {
  strategy: string;
  symbols: string[];
  timeframes: string[];
  sourceDir: string;
  /** The operation that trained it, kept in `metadata.json`. */
  operationId?: string;
}
