import { generateSyntheticBars, type Timeframe } from '@ktrdr/market-data';
import type { CreateTrainingSessionRequest } from '@ktrdr/training-engine';

/** Options of {@link sessionRequest}. */
export interface SessionRequestOptions {
  symbols?: string[];
  timeframes?: Timeframe[];
  /** ISO dates of the synthetic bars; default two months of 2024. */
  start?: string;
  end?: string;
  epochs?: number;
  seed?: number;
}

/** The name of the strategy in {@link sessionRequest}. */
export const TEST_STRATEGY_NAME = 'host_test';

/** The smallest useful strategy: RSI in three fuzzy sets, one hidden layer of 8. */
export function hostTestStrategyYaml(epochs = 2): string {
  return [
    `name: ${TEST_STRATEGY_NAME}`,
    'training_data: { symbols: [AAPL], timeframes: [1h] }',
    'indicators: [{ name: rsi, type: rsi, period: 14 }]',
    'fuzzy_sets:',
    '  rsi:',
    '    low: { type: triangular, parameters: [0, 25, 50] }',
    '    mid: { type: triangular, parameters: [25, 50, 75] }',
    '    high: { type: triangular, parameters: [50, 75, 100] }',
    'model:',
    '  type: mlp',
    '  architecture: { hidden_layers: [8], activation: relu, dropout: 0 }',
    '  features: { lookback_periods: 2 }',
    `  training: { epochs: ${epochs}, batch_size: 32, learning_rate: 0.01, optimizer: adam }`,
    'training:',
    '  labels: { source: zigzag, zigzag_threshold: 0.01 }',
    '  data_split: { train: 0.7, validation: 0.15, test: 0.15 }',
    '',
  ].join('\n');
}

/**
 * A complete `POST /training/sessions` body: {@link hostTestStrategyYaml} and deterministic synthetic bars
 * for every symbol × timeframe (for the host's specs and the API's e2e tests).
 */
export function sessionRequest(opts: SessionRequestOptions = {}): CreateTrainingSessionRequest {
  const symbols = opts.symbols ?? ['AAPL'];
  const timeframes = opts.timeframes ?? ['1h'];
  const start = opts.start ?? '2024-01-02T00:00:00Z';
  const end = opts.end ?? '2024-03-01T00:00:00Z';
  const bars = symbols.flatMap((symbol) =>
    timeframes.map((timeframe) => {
      const series = generateSyntheticBars(symbol, timeframe, Date.parse(start), Date.parse(end));
      return { symbol, timeframe, count: series.t.length, ...series };
    }),
  );
  return {
    strategy_yaml: hostTestStrategyYaml(opts.epochs),
    symbols,
    timeframes,
    start_date: start,
    end_date: end,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    bars,
  };
}
