/**
 * Benchmark: cross-process cancel (queued.md, "Targets": `DELETE` on API A → `cancelled` event
 * on API B's SSE, p99 ≤ 250 ms).
 *
 *   npm run bench:queued-cancel [-- --rounds 3 --per-round 30]
 *
 * Two APIs and one worker in queued mode (real PostgreSQL and Redis). Each sample starts a
 * dummy operation (many 5 ms steps) on A, follows it on B's SSE until its first progress, then
 * times from sending `DELETE` to A until the `cancelled` status event arrives on B's stream:
 * A marks it `cancelling`, the worker hears it on Redis and stops, the end reaches B through the
 * Redis event bus. Baseline, same run: DELETE and SSE on one in-process API.
 */
import {
  intArg,
  median,
  monotonicMs,
  printSummary,
  printTable,
  round,
} from './support/bench-stats';
import type { BenchChild } from './support/bench-processes';
import { expectJson } from './support/json-http';
import { pairedRoundRows, pairedRounds } from './support/paired-rounds';
import { runQueuedBench, startDummyOn } from './support/queued-bench-cluster';
import { openSseStream, type ReceivedEvent } from './support/sse-stream';

const TARGET_P99_MS = 250;
const DUMMY = { steps: 100_000, step_ms: 5 };
const WARMUP = 5;

async function cancelOnce(
  startOn: BenchChild,
  cancelOn: BenchChild,
  followOn: BenchChild,
): Promise<number> {
  const id = await startDummyOn(startOn, DUMMY);
  let onProgress: (() => void) | null = null;
  let onStatus: ((e: ReceivedEvent) => void) | null = null;
  const progressed = new Promise<void>((resolve) => (onProgress = resolve));
  const statusSeen = new Promise<ReceivedEvent>((resolve) => (onStatus = resolve));
  const stream = await openSseStream(`${followOn.url}/api/v1/operations/${id}/events`, (e) => {
    if (e.event === 'progress') onProgress?.();
    if (e.event === 'status') onStatus?.(e);
  });
  try {
    await progressed;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * DUMMY.step_ms));
    const sentAt = monotonicMs();
    await expectJson(202, 'DELETE', `${cancelOn.url}/api/v1/operations/${id}`);
    const status = await statusSeen;
    const op = JSON.parse(status.data) as { status: string };
    if (op.status !== 'cancelled') throw new Error(`${id} ended ${op.status}`);
    await stream.ended;
    return status.receivedMs - sentAt;
  } finally {
    // Closing an open stream rejects `ended` (aborted): expected here, not an error.
    stream.ended.catch(() => undefined);
    stream.close();
  }
}

runQueuedBench(async (cluster) => {
  const options = {
    rounds: intArg('rounds', 3),
    perRound: intArg('per-round', 30),
    warmup: WARMUP,
  };
  const [a, b, , local] = await Promise.all([
    cluster.startApi('api-a'),
    cluster.startApi('api-b'),
    cluster.startWorker('w1'),
    cluster.startInProcessApi(),
  ]);
  const results = await pairedRounds(
    options,
    () => cancelOnce(a, a, b),
    () => cancelOnce(local, local, local),
  );
  printTable(
    ['round', 'A→B p50 ms', 'A→B p99 ms', 'in-process p50 ms', 'in-process p99 ms'],
    pairedRoundRows(results),
  );
  const queuedP99 = median(results.map((r) => r.measured.p99));
  const localP99 = median(results.map((r) => r.baseline.p99));
  printSummary({
    bench: 'queued-cancel',
    cross_process_p99_ms: queuedP99,
    in_process_p99_ms: localP99,
    ratio: round(queuedP99 / localP99),
    target_p99_ms: TARGET_P99_MS,
    met: queuedP99 <= TARGET_P99_MS,
  });
});
