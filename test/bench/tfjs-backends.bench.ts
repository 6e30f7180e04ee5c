// TensorFlow.js backends (npm run bench:tfjs-backends): training samples/s of the reference MLP
// 40 → 64 → 32 → 3 with Adam, batch 64 and 256, on the WebAssembly and the pure-JS CPU
// backends (several rounds, median), beside the same model and loop in PyTorch on the CPU (one
// thread; test/bench/support/torch-mlp.py) when a python3 with torch is found (BENCH_PYTHON, else
// /usr/bin/python3 or python3: Debian's python3-torch). Target: wasm ≥ 2.5× cpu at batch 64
// (exits non-zero when missed); the aim for wasm / PyTorch is ≥ 0.5×, reported.
// BENCH_WASM_SIMD=0 runs wasm without SIMD (to see what SIMD brings).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
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

/** A python3 that imports torch, or null. */
function torchPython(): string | null {
  const candidates = [process.env['BENCH_PYTHON'], '/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    if (!python) continue;
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** PyTorch's samples/s per round (one thread), or null without torch. */
function torchSamplesPerSecond(
  python: string,
  batch: number,
): { version: string; rates: number[] } {
  const script = path.join(__dirname, 'support', 'torch-mlp.py');
  const run = spawnSync(python, [script, String(batch), String(ROUNDS), '1'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`torch-mlp.py failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as { torch: string; rates: number[] };
  return { version: out.torch, rates: out.rates };
}

async function main(): Promise<void> {
  if (process.env['BENCH_WASM_SIMD'] === '0') tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  const python = torchPython();
  if (python === null)
    console.log('PyTorch: no python3 with torch found (apt-get install python3-torch)');
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
    if (python !== null) {
      const torch = torchSamplesPerSecond(python, batch);
      results[`torch/${batch}`] = median(torch.rates);
      console.log(
        `torch batch ${batch}: median ${median(torch.rates).toFixed(0)} samples/s, PyTorch ${torch.version}, 1 thread (rounds ${torch.rates.map((r) => r.toFixed(0)).join(', ')})`,
      );
      console.log(
        `  wasm / torch at batch ${batch}: ${(results[`wasm/${batch}`]! / results[`torch/${batch}`]!).toFixed(2)}× (aim ≥ 0.5×)`,
      );
    }
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
