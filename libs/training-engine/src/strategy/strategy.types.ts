import type { Timeframe } from '@ktrdr/market-data';

/** One problem found in a strategy file, at a path such as `indicators[2].period`. */
export interface StrategyProblem {
  path: string;
  message: string;
}

/** Indicator types the engine computes. */
export const INDICATOR_TYPES = [
  'rsi',
  'sma',
  'ema',
  'macd',
  'bollinger',
  'atr',
  'stochastic',
  'adx',
  'roc',
  'momentum',
  'williams_r',
  'cci',
  'obv',
  'mfi',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/**
 * One indicator of a strategy: `name` is the id fuzzy sets refer to; the numeric parameters
 * are the ones the file gave, completed with the type's defaults.
 */
export interface IndicatorSpec {
  name: string;
  type: IndicatorType;
  /** Parameters (period, fast, slow, signal, std_dev, k_period, d_period…), defaults filled in. */
  params: Record<string, number>;
}

export const FUZZY_SET_TYPES = ['triangular', 'trapezoidal', 'gaussian'] as const;
export type FuzzySetType = (typeof FUZZY_SET_TYPES)[number];

/** A fuzzy set: triangular `[a,b,c]`, trapezoidal `[a,b,c,d]` or gaussian `[μ,σ]`. */
export interface FuzzySetSpec {
  type: FuzzySetType;
  parameters: number[];
}

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The `model` section. */
export interface ModelSpec {
  type: 'mlp';
  architecture: { hidden_layers: number[]; activation: Activation; dropout: number };
  features: { lookback_periods: number };
  training: {
    epochs: number;
    batch_size: number;
    learning_rate: number;
    optimizer: OptimizerName;
    /** Seeds weight initialisation, dropout and batch order (default 42). */
    seed: number;
    early_stopping?: { patience: number; monitor: 'val_loss' | 'val_accuracy' };
  };
}

/** A validated strategy file. */
export interface Strategy {
  name: string;
  description?: string;
  training_data: {
    symbols: string[];
    timeframes: Timeframe[];
    base_timeframe: Timeframe;
    start_date?: string;
    end_date?: string;
  };
  indicators: IndicatorSpec[];
  fuzzy_sets: Record<string, Record<string, FuzzySetSpec>>;
  model: ModelSpec;
  training: {
    labels: { source: 'zigzag'; zigzag_threshold: number };
    data_split: { train: number; validation: number; test: number };
  };
}

/** `parseStrategy`'s answer: the strategy, or every problem found. */
export type StrategyParseResult =
  { ok: true; strategy: Strategy } | { ok: false; problems: StrategyProblem[] };
