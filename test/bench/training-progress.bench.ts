// Progress overhead (npm run bench:training-progress [-- --rounds 21]): training throughput of
// the reference MLP (40 → 64 → 32 → 3, batch 64, wasm) with progress events posted through a
// MessagePort as the worker does (the first and last batch of each epoch, every 10th at most one
// per BATCH_EVENT_MIN_MS, every epoch) against the same loop posting none. Each round runs both,
// in alternating order; the median of the per-round ratios is the figure. Target: ≥ 99%. Exits
// non-zero if missed.
import { MessageChannel } from 'node:worker_threads';
import {
  BATCH_EVENT_MIN_MS,
  buildMlp,
  selectBackend,
  trainModel,
  type ModelSpec,
} from '@ktrdr/training-engine';
import { intArg } from './support/bench-stats';
import { median, randomDataset } from './support/engine-bench-data';

const ROWS = 16_384;
const ROUNDS = intArg('rounds', 21);
const spec: ModelSpec = {
  type: 'mlp',
  architecture: { hidden_layers: [64, 32], activation: 'relu', dropout: 0.1 },
  features: { lookback_periods: 0 },
  training: { epochs: 2, batch_size: 64, learning_rate: 0.001, optimizer: 'adam', seed: 42 },
};

async function main(): Promise<void> {
  await selectBackend('wasm');
  const data = randomDataset(ROWS, 40);
  const { port1, port2 } = new MessageChannel();
  let received = 0;
  port2.on('message', () => received++);
  const run = async (withEvents: boolean): Promise<number> => {
    const model = buildMlp(spec, 40, 42);
    const started = performance.now();
    await trainModel(model, data, spec.training, {
      seed: 42,
      shouldStop: () => false,
      onEvent: withEvents ? (e) => port1.postMessage({ kind: 'event', event: e }) : () => undefined,
      batchEventEvery: withEvents ? 10 : Number.MAX_SAFE_INTEGER,
      batchEventMinMs: BATCH_EVENT_MIN_MS,
    });
    model.dispose();
    return (2 * ROWS) / ((performance.now() - started) / 1000);
  };
  await run(true); // warm-up
  const on: number[] = [];
  const off: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const first = i % 2 === 0;
    const a = await run(!first);
    const b = await run(first);
    const [rOff, rOn] = first ? [a, b] : [b, a];
    off.push(rOff);
    on.push(rOn);
    ratios.push(rOn / rOff);
  }
  port1.close();
  const ratio = median(ratios);
  console.log(`events off: median ${median(off).toFixed(0)} samples/s`);
  console.log(
    `events on : median ${median(on).toFixed(0)} samples/s (${received} events received)`,
  );
  console.log(
    `on / off (median of pair ratios): ${(ratio * 100).toFixed(1)}%; of medians: ${((median(on) / median(off)) * 100).toFixed(1)}%`,
  );
  if (ratio < 0.99) {
    console.error('FAIL: progress events cost more than 1% of throughput');
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
