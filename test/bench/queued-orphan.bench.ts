/**
 * Benchmark: how soon an operation is found orphaned after its worker is SIGKILLed (queued.md,
 * "Targets": ≤ 30 s).
 *
 *   npm run bench:queued-orphan [-- --rounds 3]
 *
 * One API and two workers in queued mode (real PostgreSQL and Redis). Each round starts a long
 * dummy operation, SIGKILLs the worker holding it (from its lease), and times until the API
 * answers it `failed/ORPHANED`; a new worker replaces the dead one. The baseline is the lease's
 * TTL (15 s): nothing can be found sooner than the lease expires.
 */
import { DEFAULT_LEASE_TIMING } from '@ktrdr/operations';
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import type { BenchChild } from './support/bench-processes';
import {
  isEnded,
  pollOperation,
  runQueuedBench,
  startDummyOn,
} from './support/queued-bench-cluster';

const TARGET_MS = 30_000;

runQueuedBench(async (cluster) => {
  const rounds = intArg('rounds', 3);
  const api = await cluster.startApi();
  const workers = new Map<string, BenchChild>(
    await Promise.all(['w1', 'w2'].map(async (id) => [id, await cluster.startWorker(id)] as const)),
  );
  const detections: number[] = [];
  const rows: unknown[][] = [];
  for (let r = 1; r <= rounds; r++) {
    const id = await startDummyOn(api, { steps: 100_000, step_ms: 20 });
    await pollOperation(api, id, (op) => op.status === 'running');
    const holder = await cluster.holderOf(id);
    const worker = holder === null ? undefined : workers.get(holder);
    if (holder === null || worker === undefined) throw new Error(`${id}: no holder`);
    const killedAt = Date.now();
    await worker.kill();
    const op = await pollOperation(api, id, isEnded, 100);
    const ms = Date.now() - killedAt;
    if (op.status !== 'failed' || op.error?.code !== 'ORPHANED') {
      throw new Error(`${id} ended ${op.status} ${JSON.stringify(op.error)}`);
    }
    detections.push(ms);
    rows.push([r, holder, ms]);
    workers.delete(holder);
    const replacement = `${holder}-r${r}`;
    workers.set(replacement, await cluster.startWorker(replacement));
  }
  printTable(['round', 'killed worker', 'orphaned after ms'], rows);
  const ttl = DEFAULT_LEASE_TIMING.ttlMs;
  printSummary({
    bench: 'queued-orphan',
    detection_median_ms: median(detections),
    detection_max_ms: Math.max(...detections),
    lease_ttl_ms: ttl,
    ratio_to_ttl: round(median(detections) / ttl),
    target_ms: TARGET_MS,
    met: Math.max(...detections) <= TARGET_MS,
  });
});
