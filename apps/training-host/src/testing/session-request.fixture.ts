import { generateSyntheticBars, type Timeframe } from '@ktrdr/market-data';
import type { CreateTrainingSessionRequest } from '@ktrdr/training-engine';

/** Options of {@link sessionRequest}. */
export interface SessionRequestOptions {
  name?: string;
  symbols?: string[];
  timeframes?: Timeframe[];
  /** ISO dates of the synthetic bars; default two months of 2024. */
  start?: string;
  end?: string;
  epochs?: number;
  batchSize?: number;
  hiddenLayers?: number[];
  seed?: number;
}

/** A small valid strategy file (RSI and a moving average, a tiny MLP). */
export function tinyStrategyYaml(opts: SessionRequestOptions = {}): string {
  const symbols = opts.symbols ?? ['AAPL'];
  const timeframes = opts.timeframes ?? ['1h'];
  return `
name: ${opts.name ?? 'host_test'}
description: tiny strategy for training-host tests
training_data:
  symbols: [${symbols.join(', ')}]
  timeframes: [${timeframes.join(', ')}]
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
  architecture: { hidden_layers: [${(opts.hiddenLayers ?? [8]).join(', ')}], activation: relu, dropout: 0.1 }
  features: { lookback_periods: 2 }
  training: { epochs: ${opts.epochs ?? 2}, batch_size: ${opts.batchSize ?? 32}, learning_rate: 0.01, optimizer: adam }
training:
  labels: { source: zigzag, zigzag_threshold: 0.01 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`;
}

/**
 * A complete `POST /training/sessions` body: the tiny strategy and deterministic synthetic bars
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
    strategy_yaml: tinyStrategyYaml(opts),
    symbols,
    timeframes,
    start_date: start,
    end_date: end,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    bars,
  };
}
