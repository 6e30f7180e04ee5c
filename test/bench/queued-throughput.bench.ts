/**
 * Benchmark: dummy operations (`steps: 1`) end to end with two workers, against the in-process
 * API on the same machine (queued.md, "Targets": report operations/s beside each other).
 *
 *   npm run bench:queued-throughput [-- --rounds 3 --ops 200]
 *
 * One API and two workers in queued mode (real PostgreSQL and Redis); the baseline, in the same
 * run, is an in-process API on the same PostgreSQL. Each round starts `ops` operations, at most
 * 20 requests in flight, and times from the first request to the last operation's end.
 */
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import type { BenchChild } from './support/bench-processes';
import {
  isEnded,
  pollOperation,
  runQueuedBench,
  startDummyOn,
} from './support/queued-bench-cluster';

const IN_FLIGHT = 20;

async function opsPerSecond(api: BenchChild, ops: number): Promise<number> {
  const started = Date.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ops) {
      next += 1;
      const id = await startDummyOn(api, { steps: 1, step_ms: 0 });
      const op = await pollOperation(api, id, isEnded, 10);
      if (op.status !== 'completed') throw new Error(`${id} ended ${op.status}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return (ops * 1000) / (Date.now() - started);
}

runQueuedBench(async (cluster) => {
  const rounds = intArg('rounds', 3);
  const ops = intArg('ops', 200);
  const [api, , , local] = await Promise.all([
    cluster.startApi(),
    cluster.startWorker('w1'),
    cluster.startWorker('w2'),
    cluster.startInProcessApi(),
  ]);
  await opsPerSecond(api, 20);
  await opsPerSecond(local, 20);
  const queued: number[] = [];
  const inProcess: number[] = [];
  const rows: unknown[][] = [];
  for (let r = 1; r <= rounds; r++) {
    const q = await opsPerSecond(api, ops);
    const l = await opsPerSecond(local, ops);
    queued.push(q);
    inProcess.push(l);
    rows.push([r, round(q), round(l)]);
  }
  printTable(['round', 'queued 2 workers ops/s', 'in-process ops/s'], rows);
  printSummary({
    bench: 'queued-throughput',
    queued_ops_per_s: round(median(queued)),
    in_process_ops_per_s: round(median(inProcess)),
    ratio: round(median(queued) / median(inProcess)),
  });
});
