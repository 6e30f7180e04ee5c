import type { Strategy } from '@ktrdr/training-engine';

/** A small valid strategy object for unit tests (what parseStrategy would return). */
export function sampleStrategy(overrides: Partial<Strategy> = {}): Strategy {
  return {
    name: 'rsi_mlp',
    description: 'RSI fuzzy sets into a small MLP',
    training_data: {
      symbols: ['AAPL'],
      timeframes: ['1h'],
      base_timeframe: '1h',
      start_date: '2024-01-01',
      end_date: '2024-06-30',
    },
    indicators: [{ name: 'rsi_14', type: 'rsi', params: { period: 14 } }],
    fuzzy_sets: {
      rsi_14: {
        low: { type: 'triangular', parameters: [0, 20, 40] },
        high: { type: 'triangular', parameters: [60, 80, 100] },
      },
    },
    model: {
      type: 'mlp',
      architecture: { hidden_layers: [8], activation: 'relu', dropout: 0.1 },
      features: { lookback_periods: 2 },
      training: {
        epochs: 5,
        batch_size: 32,
        learning_rate: 0.01,
        optimizer: 'adam',
        seed: 42,
      },
    },
    training: {
      labels: { source: 'zigzag', zigzag_threshold: 0.02 },
      data_split: { train: 0.7, validation: 0.15, test: 0.15 },
    },
    ...overrides,
  };
}
