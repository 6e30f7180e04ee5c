/**
 * Benchmark (training.md "Targets"): cancel → `cancelled` of a training, on the training host
 * and locally.
 *
 *   npm run bench:training-cancel [-- --rounds 10]
 *
 * Real processes: the training host (apps/training-host) and the API (src/main.ts, its
 * TRAINING_HOST_SERVICE_URL pointing at that host), both through @swc-node/register, on the
 * WebAssembly backend and the synthetic provider. Each round starts a training of
 * multi_symbol_mlp on the host (`execution: host`) and one locally (a worker thread), waits
 * until 20 batches were reported, cancels (DELETE) and polls until the operation ends. The
 * latency is the API's own clock: completed_at − cancellation.requested_at (for the host venue
 * it includes the API → host stop, the host stopping at its next batch and acknowledging, and
 * the API recording it). The batch time comes from the progress reports. Targets: host p99 ≤
 * 500 ms; local ≤ one batch + 100 ms. Exits non-zero when the host target is missed.
 */
import path from 'node:path';
import { intArg, median, percentile, printSummary, printTable, round } from './support/bench-stats';
import { apiEnv, benchTempDir, ROOT, startBenchChild } from './support/bench-processes';
import { TrainingBenchClient } from './support/training-bench-client';

const STRATEGY = 'multi_symbol_mlp';
const HOST_TARGET_P99_MS = 500;
const LOCAL_OVER_ONE_BATCH_MS = 100;

async function main(): Promise<void> {
  const rounds = intArg('rounds', 10);
  const work = benchTempDir('training-cancel');
  const host = await startBenchChild('training-host', 'apps/training-host/src/main.ts', {
    TRAINING_HOST_PORT: '0',
    TRAINING_HOST_WORK_DIR: path.join(work.dir, 'host'),
    TRAINING_HOST_API_KEY: '',
    TFJS_BACKEND: 'wasm',
  });
  const api = await startBenchChild('api', 'src/main.ts', {
    ...apiEnv(path.join(work.dir, 'data'), path.join(work.dir, 'ops.sqlite')),
    STRATEGIES_DIR: path.join(ROOT, 'strategies'),
    TFJS_BACKEND: 'wasm',
    TRAINING_HOST_SERVICE_URL: host.url,
  });
  try {
    const client = new TrainingBenchClient(`${api.url}/api/v1`);
    const rows: unknown[][] = [];
    const hostMs: number[] = [];
    const localMs: number[] = [];
    const localOver: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const onHost = await client.cancelMidEpoch(STRATEGY, 'host');
      const local = await client.cancelMidEpoch(STRATEGY, 'local');
      hostMs.push(onHost.latencyMs);
      localMs.push(local.latencyMs);
      localOver.push(local.latencyMs - local.batchMs);
      rows.push([
        r,
        onHost.batchMs,
        onHost.latencyMs,
        local.batchMs,
        local.latencyMs,
        round(local.latencyMs - local.batchMs),
      ]);
    }
    printTable(
      [
        'round',
        'host batch ms',
        'host cancel ms',
        'local batch ms',
        'local cancel ms',
        'local over one batch ms',
      ],
      rows,
    );
    const hostP99 = percentile(hostMs, 99);
    printSummary({
      host_cancel_ms: { p50: median(hostMs), p99: hostP99, max: Math.max(...hostMs) },
      host_target_p99_ms: HOST_TARGET_P99_MS,
      local_cancel_ms: { p50: median(localMs), p99: percentile(localMs, 99) },
      local_over_one_batch_ms: { median: median(localOver), max: Math.max(...localOver) },
      local_target: `one batch + ${LOCAL_OVER_ONE_BATCH_MS} ms`,
      pass: hostP99 <= HOST_TARGET_P99_MS && Math.max(...localOver) <= LOCAL_OVER_ONE_BATCH_MS,
    });
    if (hostP99 > HOST_TARGET_P99_MS) process.exitCode = 1;
  } finally {
    await api.stop();
    await host.stop();
    work.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
