// Strategy files for specs and benchmarks.

/** A valid two-timeframe strategy; `overrides` replace whole lines by key prefix. */
export function strategyYaml(
  opts: { name?: string; timeframes?: string[]; epochs?: number } = {},
): string {
  const tfs = opts.timeframes ?? ['1h'];
  return `
name: ${opts.name ?? 'rsi_test'}
description: RSI and SMA
training_data:
  symbols: [AAPL]
  timeframes: [${tfs.join(', ')}]
indicators:
  - { name: rsi, type: rsi, period: 14 }
  - { name: sma_fast, type: sma, period: 10 }
fuzzy_sets:
  rsi:
    low: { type: triangular, parameters: [0, 20, 40] }
    mid: { type: trapezoidal, parameters: [30, 45, 55, 70] }
    high: { type: gaussian, parameters: [80, 10] }
  sma_fast:
    below: { type: triangular, parameters: [0.9, 0.97, 1.0] }
    above: { type: triangular, parameters: [1.0, 1.03, 1.1] }
model:
  type: mlp
  architecture: { hidden_layers: [16, 8], activation: relu, dropout: 0.1 }
  features: { lookback_periods: 2 }
  training: { epochs: ${opts.epochs ?? 3}, batch_size: 32, learning_rate: 0.01, optimizer: adam }
training:
  labels: { source: zigzag, zigzag_threshold: 0.01 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`;
}
