// Feature pipeline (npm run bench:features): indicators + fuzzy memberships + lags on one year
// of 1-minute bars (525,600) with five indicators (rsi, sma, macd, bollinger, atr; three fuzzy
// sets each, lookback 3 → 60 features). Reports rows/s (median of several runs) and, as the
// same-run baseline, the indicators alone.
import { buildFeatures, parseStrategy, type TimeframeBars } from '@ktrdr/training-engine';
import { median, minuteBarsOneYear } from './support/engine-bench-data';

const RUNS = 5;
const sets = (a: number, b: number, c: number): string =>
  `{ low: { type: triangular, parameters: [${a}, ${a}, ${b}] }, mid: { type: triangular, parameters: [${a}, ${b}, ${c}] }, high: { type: gaussian, parameters: [${c}, ${(c - a) / 4}] } }`;
const yaml = `
name: bench
training_data: { symbols: [BENCH], timeframes: [1m] }
indicators:
  - { name: rsi, type: rsi, period: 14 }
  - { name: sma, type: sma, period: 50 }
  - { name: macd, type: macd }
  - { name: bb, type: bollinger, period: 20, std_dev: 2 }
  - { name: atr, type: atr, period: 14 }
fuzzy_sets:
  rsi: ${sets(0, 50, 100)}
  sma: ${sets(0.99, 1, 1.01)}
  macd: ${sets(-0.05, 0, 0.05)}
  bb: ${sets(0, 0.5, 1)}
  atr: ${sets(0, 0.05, 0.1)}
model:
  architecture: { hidden_layers: [64, 32] }
  features: { lookback_periods: 3 }
  training: { epochs: 1 }
training:
  labels: { zigzag_threshold: 0.01 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`;

function main(): void {
  const parsed = parseStrategy(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const bars: TimeframeBars = minuteBarsOneYear();
  const n = bars.t.length;
  const full: number[] = [];
  const indicatorsOnly: number[] = [];
  const noFuzzy = {
    ...parsed.strategy,
    model: { ...parsed.strategy.model, features: { lookback_periods: 0 } },
  };
  for (let run = 0; run <= RUNS; run++) {
    let started = performance.now();
    const frame = buildFeatures(parsed.strategy, new Map([['1m', bars]]));
    const fullMs = performance.now() - started;
    if (frame.columns.length !== 60)
      throw new Error(`expected 60 features, got ${frame.columns.length}`);
    started = performance.now();
    buildFeatures(noFuzzy, new Map([['1m', bars]]));
    const noLagMs = performance.now() - started;
    if (run > 0) {
      full.push(n / (fullMs / 1000));
      indicatorsOnly.push(n / (noLagMs / 1000));
    }
  }
  console.log(`${n} bars, 5 indicators, 15 memberships, lookback 3 → 60 features`);
  console.log(
    `full pipeline: median ${median(full).toFixed(0)} rows/s (runs ${full.map((r) => r.toFixed(0)).join(', ')})`,
  );
  console.log(
    `without lags (indicators + fuzzy): median ${median(indicatorsOnly).toFixed(0)} rows/s; full / that: ${(median(full) / median(indicatorsOnly)).toFixed(2)}`,
  );
}

main();
