/**
 * Benchmark: enqueue → `running` for an idle worker (queued.md, "Targets": p50 ≤ 20 ms).
 *
 *   npm run bench:queued-enqueue [-- --rounds 3 --per-round 40]
 *
 * One API and one idle worker in queued mode (real PostgreSQL and Redis), and in the same run
 * the baseline: an in-process API on the same PostgreSQL. Each sample starts a one-step dummy
 * operation, waits for its end, and takes `started_at − created_at` from its record (both
 * written on this host's clock): the time from the insert through the queue to the claim.
 */
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import type { BenchChild } from './support/bench-processes';
import { pairedRoundRows, pairedRounds } from './support/paired-rounds';
import {
  isEnded,
  pollOperation,
  runQueuedBench,
  startDummyOn,
} from './support/queued-bench-cluster';

const TARGET_P50_MS = 20;
const WARMUP = 5;

async function sample(api: BenchChild): Promise<number> {
  const id = await startDummyOn(api, { steps: 1, step_ms: 0 });
  const op = await pollOperation(api, id, isEnded, 5);
  if (op.status !== 'completed' || op.started_at === null) throw new Error(`${id} ${op.status}`);
  return Date.parse(op.started_at) - Date.parse(op.created_at);
}

runQueuedBench(async (cluster) => {
  const options = {
    rounds: intArg('rounds', 3),
    perRound: intArg('per-round', 40),
    warmup: WARMUP,
  };
  const [api, , local] = await Promise.all([
    cluster.startApi(),
    cluster.startWorker('w1'),
    cluster.startInProcessApi(),
  ]);
  const results = await pairedRounds(
    options,
    () => sample(api),
    () => sample(local),
  );
  printTable(
    ['round', 'queued p50 ms', 'queued p99 ms', 'in-process p50 ms', 'in-process p99 ms'],
    pairedRoundRows(results),
  );
  const queuedP50 = median(results.map((r) => r.measured.p50));
  const localP50 = median(results.map((r) => r.baseline.p50));
  printSummary({
    bench: 'queued-enqueue',
    queued_p50_ms: queuedP50,
    in_process_p50_ms: localP50,
    ratio: round(queuedP50 / Math.max(1, localP50)),
    target_p50_ms: TARGET_P50_MS,
    met: queuedP50 <= TARGET_P50_MS,
  });
});
