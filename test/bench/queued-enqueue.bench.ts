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
import { intArg, median, printSummary, printTable, round, summarize } from './support/bench-stats';
import type { BenchChild } from './support/bench-processes';
import { closeHttpAgent } from './support/json-http';
import {
  isEnded,
  pollOperation,
  QueuedBenchCluster,
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

async function samples(api: BenchChild, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await sample(api));
  return out;
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 3);
  const perRound = intArg('per-round', 40);
  const cluster = new QueuedBenchCluster();
  try {
    const [api, , local] = await Promise.all([
      cluster.startApi(),
      cluster.startWorker('w1'),
      cluster.startInProcessApi(),
    ]);
    await samples(api, WARMUP);
    await samples(local, WARMUP);
    const queuedP50: number[] = [];
    const localP50: number[] = [];
    const rows: unknown[][] = [];
    for (let r = 1; r <= rounds; r++) {
      const q = summarize(await samples(api, perRound));
      const l = summarize(await samples(local, perRound));
      queuedP50.push(q.p50);
      localP50.push(l.p50);
      rows.push([r, q.p50, q.p99, l.p50, l.p99]);
    }
    printTable(
      ['round', 'queued p50 ms', 'queued p99 ms', 'in-process p50 ms', 'in-process p99 ms'],
      rows,
    );
    const summary = {
      bench: 'queued-enqueue',
      queued_p50_ms: median(queuedP50),
      in_process_p50_ms: median(localP50),
      ratio: round(median(queuedP50) / Math.max(1, median(localP50))),
      target_p50_ms: TARGET_P50_MS,
      met: median(queuedP50) <= TARGET_P50_MS,
    };
    printSummary(summary);
  } finally {
    await cluster.cleanup();
    closeHttpAgent();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
