// TensorFlow.js backends (npm run bench:tfjs-backends): training samples/s of the reference MLP
// 40 → 64 → 32 → 3 with Adam, batch 64 and 256, on the WebAssembly and the pure-JS CPU
// backends (several rounds, median). Target: wasm ≥ 2.5× cpu at batch 64. Exits non-zero when
// missed. BENCH_WASM_SIMD=0 runs wasm without SIMD (to see what SIMD brings).
import * as tf from '@tensorflow/tfjs-core';
import { buildMlp, selectBackend, trainModel, type BackendName } from '@ktrdr/training-engine';
import type { ModelSpec } from '@ktrdr/training-engine';
import { median, randomDataset } from './support/engine-bench-data';

const ROWS = 16_384;
const ROUNDS = 5;

function spec(batch: number): ModelSpec {
  return {
    type: 'mlp',
    architecture: { hidden_layers: [64, 32], activation: 'relu', dropout: 0 },
    features: { lookback_periods: 0 },
    training: { epochs: 1, batch_size: batch, learning_rate: 0.001, optimizer: 'adam', seed: 42 },
  };
}

async function samplesPerSecond(backend: BackendName, batch: number): Promise<number[]> {
  await selectBackend(backend);
  const data = randomDataset(ROWS, 40);
  const rates: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const model = buildMlp(spec(batch), 40, 42);
    const started = performance.now();
    await trainModel(model, data, spec(batch).training, {
      seed: 42,
      shouldStop: () => false,
      onEvent: () => undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    model.dispose();
    if (round > 0) rates.push(ROWS / seconds); // round 0 warms up (JIT, wasm compile)
  }
  return rates;
}

async function main(): Promise<void> {
  if (process.env['BENCH_WASM_SIMD'] === '0') tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  const results: Record<string, number> = {};
  for (const batch of [64, 256]) {
    for (const backend of ['cpu', 'wasm'] as const) {
      const rates = await samplesPerSecond(backend, batch);
      results[`${backend}/${batch}`] = median(rates);
      console.log(
        `${backend.padEnd(5)} batch ${batch}: median ${median(rates).toFixed(0)} samples/s (rounds ${rates.map((r) => r.toFixed(0)).join(', ')})`,
      );
    }
    console.log(
      `  wasm / cpu at batch ${batch}: ${(results[`wasm/${batch}`]! / results[`cpu/${batch}`]!).toFixed(2)}×`,
    );
  }
  console.log(
    `wasm: SIMD ${String(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'))} (the threaded build needs Web Workers, absent in Node)`,
  );
  const ratio = results['wasm/64']! / results['cpu/64']!;
  if (ratio < 2.5) {
    console.error(`FAIL: wasm is ${ratio.toFixed(2)}× cpu at batch 64 (target ≥ 2.5×)`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
