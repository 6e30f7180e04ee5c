/**
 * Benchmark: cancel latency of a running in-process operation (operations.md, "Targets":
 * cancel → `cancelled` p99 ≤ 100 ms for work that checks its token every ≤ 10 ms).
 *
 *   npm run bench:cancel [-- --rounds 5 --per-round 40]
 *
 * The real API runs in a CHILD process on loopback (test/bench/support/bench-api.main.ts).
 * Each sample: start a dummy operation (many 5 ms steps), open its SSE stream, wait for its
 * first progress event (it is running), then time from sending `DELETE /operations/:id` to
 * receiving the `cancelled` status event on that stream. Baseline, alternating with it round
 * by round: the round trip of a plain `GET /operations/:id` on the same keep-alive connection.
 */
import path from 'node:path';
import type { OperationEvent } from '@ktrdr/async-infrastructure';
import {
  intArg,
  median,
  monotonicMs,
  printSummary,
  printTable,
  round,
  summarize,
} from './support/bench-stats';
import { benchTempDir, startBenchApi, type BenchApi } from './support/bench-api.process';
import { closeHttpAgent, expectJson } from './support/json-http';
import { openSseStream, type ReceivedEvent } from './support/sse-stream';

const TARGET_P99_MS = 100;
const DUMMY = { steps: 100_000, step_ms: 5 };
const WARMUP = 10;

interface CancelSample {
  cancelMs: number;
  deleteMs: number;
}

/** Receives events in order; resolves the waiter of the first matching one. */
class EventInbox {
  private readonly events: ReceivedEvent[] = [];
  private waiter: {
    match: (e: ReceivedEvent) => boolean;
    resolve: (e: ReceivedEvent) => void;
  } | null = null;

  push = (event: ReceivedEvent): void => {
    this.events.push(event);
    if (this.waiter?.match(event)) {
      this.waiter.resolve(event);
      this.waiter = null;
    }
  };

  next(match: (e: ReceivedEvent) => boolean): Promise<ReceivedEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => (this.waiter = { match, resolve }));
  }
}

async function cancelOnce(api: BenchApi): Promise<CancelSample> {
  const start = await expectJson<{ operation_id: string }>(
    202,
    'POST',
    `${api.api}/operations/dummy`,
    DUMMY,
  );
  const id = start.body.operation_id;
  const inbox = new EventInbox();
  const stream = await openSseStream(`${api.api}/operations/${id}/events`, inbox.push);
  try {
    await inbox.next((e) => e.event === 'progress');
    // A random point inside a 5 ms step: the cancel lands mid-sleep, not on a step boundary.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * DUMMY.step_ms));
    const sentAt = monotonicMs();
    const statusEvent = inbox.next((e) => e.event === 'status');
    const del = await expectJson<{ status: string }>(202, 'DELETE', `${api.api}/operations/${id}`);
    const status = await statusEvent;
    const event = JSON.parse(status.data) as OperationEvent;
    if (event.kind !== 'status' || event.status !== 'cancelled') {
      throw new Error(
        `operation ${id} ended ${event.kind === 'status' ? event.status : event.kind}`,
      );
    }
    if (del.body.status !== 'cancelling' && del.body.status !== 'cancelled') {
      throw new Error(`DELETE answered status ${del.body.status}`);
    }
    await stream.ended;
    return { cancelMs: status.receivedMs - sentAt, deleteMs: del.ms };
  } finally {
    stream.close();
  }
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const perRound = intArg('per-round', 40);
  const tmp = benchTempDir('cancel');
  const api = await startBenchApi(tmp.dir, path.join(tmp.dir, 'ops.sqlite'));
  try {
    const probe = await expectJson<{ operation_id: string }>(
      202,
      'POST',
      `${api.api}/operations/dummy`,
      { steps: 2, step_ms: 1 },
    );
    const probeUrl = `${api.api}/operations/${probe.body.operation_id}`;
    for (let i = 0; i < WARMUP; i++) {
      await cancelOnce(api);
      await expectJson(200, 'GET', probeUrl);
    }

    const cancel: CancelSample[] = [];
    const get: number[] = [];
    const perRoundRows: (string | number)[][] = [];
    const cancelP99s: number[] = [];
    const getP99s: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const roundCancel: number[] = [];
      for (let i = 0; i < perRound; i++) {
        const sample = await cancelOnce(api);
        cancel.push(sample);
        roundCancel.push(sample.cancelMs);
      }
      const roundGet: number[] = [];
      for (let i = 0; i < perRound; i++) roundGet.push((await expectJson(200, 'GET', probeUrl)).ms);
      get.push(...roundGet);
      const c = summarize(roundCancel);
      const g = summarize(roundGet);
      cancelP99s.push(c.p99);
      getP99s.push(g.p99);
      perRoundRows.push([r, c.p50, c.p99, g.p50, g.p99]);
    }

    const cancelAll = summarize(cancel.map((s) => s.cancelMs));
    const deleteAll = summarize(cancel.map((s) => s.deleteMs));
    const getAll = summarize(get);
    console.log(
      `\ncancel latency: ${cancel.length} running dummy operations (step_ms ${DUMMY.step_ms}), one at a time\n`,
    );
    printTable(['round', 'cancel p50', 'cancel p99', 'GET p50', 'GET p99'], perRoundRows);
    console.log('');
    printTable(
      ['measure (ms)', 'n', 'p50', 'p99', 'max'],
      [
        [
          'DELETE sent → cancelled event',
          cancelAll.count,
          cancelAll.p50,
          cancelAll.p99,
          cancelAll.max,
        ],
        [
          '  of which DELETE round trip',
          deleteAll.count,
          deleteAll.p50,
          deleteAll.p99,
          deleteAll.max,
        ],
        ['baseline GET /operations/:id', getAll.count, getAll.p50, getAll.p99, getAll.max],
      ],
    );
    const ratioP50 = round(cancelAll.p50 / getAll.p50);
    const ratioP99 = round(cancelAll.p99 / getAll.p99);
    const pass = cancelAll.p99 <= TARGET_P99_MS;
    console.log(
      `\ntarget: cancel p99 ≤ ${TARGET_P99_MS} ms → ${cancelAll.p99} ms ${pass ? 'PASS' : 'MISS'}; ` +
        `ratio cancel/GET: p50 ${ratioP50}×, p99 ${ratioP99}× ` +
        `(median of round p99s: cancel ${median(cancelP99s)} ms, GET ${median(getP99s)} ms)`,
    );
    printSummary({
      bench: 'cancel-latency',
      operations: cancel.length,
      rounds,
      cancel_ms: cancelAll,
      delete_round_trip_ms: deleteAll,
      baseline_get_ms: getAll,
      median_round_p99_ms: { cancel: median(cancelP99s), get: median(getP99s) },
      ratio: { p50: ratioP50, p99: ratioP99 },
      target_p99_ms: TARGET_P99_MS,
      pass,
    });
  } finally {
    closeHttpAgent();
    await api.stop();
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
