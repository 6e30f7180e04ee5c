import type { ModelVersionInfo, TrainingJobResult } from '@ktrdr/training-engine';

/** An engine result as the worker (or the host) reports it, for unit tests. */
export function sampleJobResult(overrides: Partial<TrainingJobResult> = {}): TrainingJobResult {
  const cls = { precision: 0.5, recall: 0.5, f1: 0.5, support: 10 };
  return {
    training_metrics: {
      final_train_loss: 0.9,
      final_val_loss: 1.0,
      final_train_accuracy: 0.55,
      final_val_accuracy: 0.5,
      epochs_completed: 5,
      best_epoch: 4,
      early_stopped: false,
      training_time_ms: 1234,
    },
    test_metrics: {
      loss: 1.01,
      accuracy: 0.48,
      precision: 0.47,
      recall: 0.48,
      f1: 0.46,
      per_class: { BUY: cls, HOLD: cls, SELL: cls },
      confusion_matrix: [
        [5, 3, 2],
        [3, 5, 2],
        [2, 3, 5],
      ],
    },
    backend: 'wasm',
    gpu_name: null,
    peak_memory_mb: 180,
    seed: 42,
    feature_names: ['rsi_14_high', 'rsi_14_low'],
    input_size: 2,
    files: ['model.json', 'weights.bin', 'config.json', 'metrics.json', 'metadata.json'],
    ...overrides,
  };
}

/** A published model version for unit tests. */
export function sampleModel(overrides: Partial<ModelVersionInfo> = {}): ModelVersionInfo {
  const job = sampleJobResult();
  return {
    strategy: 'rsi_mlp',
    version: 'AAPL_1h_v1',
    number: 1,
    path: '/models/rsi_mlp/AAPL_1h_v1',
    created_at: '2026-01-01T00:00:00.000Z',
    symbols: ['AAPL'],
    timeframes: ['1h'],
    feature_names: job.feature_names,
    input_size: job.input_size,
    test_metrics: job.test_metrics,
    training_metrics: job.training_metrics,
    is_latest: true,
    operation_id: 'op_sample',
    ...overrides,
  };
}
