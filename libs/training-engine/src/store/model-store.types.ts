import type { TestMetrics, TrainingMetrics } from '../engine.types';

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
}

/** What {@link ModelStore.publish} needs: the finished run's artifact folder and its identity. */
export interface PublishModelInput {
  strategy: string;
  symbols: string[];
  timeframes: string[];
  sourceDir: string;
}
