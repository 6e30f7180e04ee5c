// The data and training API's JSON as the page reads it (data.md, training.md). Written by hand,
// like wire.ts: the Node-side types live in libs a browser build does not import.

/** `GET /data/:symbol/:timeframe`: one page of bars, columnar; `t` in epoch ms UTC. */
export interface BarsPage {
  symbol: string;
  timeframe: string;
  count: number;
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
  next: string | null;
  /** With `before`: the older page's `before`; null when nothing is older. */
  previous?: string | null;
}

export interface SeriesRange {
  symbol: string;
  timeframe: string;
  first: string;
  last: string;
  count: number;
}

export type CachedTimeframe =
  | { timeframe: string; status: 'ok'; first: string; last: string; count: number }
  | { timeframe: string; status: 'unreadable'; error: { code: string; message: string } };

export interface CachedSymbol {
  symbol: string;
  timeframes: CachedTimeframe[];
}

export const LOAD_MODES = ['tail', 'backfill', 'full', 'local'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

export interface LoadRequest {
  symbol: string;
  timeframe: string;
  mode: LoadMode;
  start_date?: string;
  end_date?: string;
}

export interface StrategyProblem {
  path: string;
  message: string;
}

export interface StrategySummary {
  name: string;
  description?: string;
  valid: boolean;
  problems: StrategyProblem[];
  symbols?: string[];
  timeframes?: string[];
}

export interface StartTrainingRequest {
  strategy_name: string;
  symbols?: string[];
  timeframes?: string[];
  start_date?: string;
  end_date?: string;
  execution?: 'local' | 'host';
}

export const SIGNALS = ['BUY', 'HOLD', 'SELL'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface TestMetrics {
  loss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  per_class: Record<Signal, ClassMetrics>;
  /** Rows: true class, columns: predicted class, in {@link SIGNALS} order. */
  confusion_matrix: number[][];
}

export interface TrainingMetrics {
  final_train_loss: number;
  final_val_loss: number;
  final_train_accuracy: number;
  final_val_accuracy: number;
  epochs_completed: number;
  best_epoch: number;
  early_stopped: boolean;
  training_time_ms: number;
}

export interface EpochMetrics {
  epoch: number;
  epochs: number;
  train_loss: number;
  val_loss: number;
  train_accuracy: number;
  val_accuracy: number;
}

export interface ModelVersion {
  strategy: string;
  version: string;
  number: number;
  created_at: string;
  symbols: string[];
  timeframes: string[];
  test_metrics: TestMetrics;
  training_metrics: TrainingMetrics;
  is_latest: boolean;
  operation_id: string | null;
}

export interface ModelVersionDetail extends ModelVersion {
  training_history: EpochMetrics[];
}

export interface Predictions {
  strategy: string;
  version: string;
  symbol: string;
  timeframe: string;
  count: number;
  t: number[];
  signal: Signal[];
  p_buy: number[];
  p_hold: number[];
  p_sell: number[];
}
