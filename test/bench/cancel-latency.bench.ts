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
import type { OperationEvent } from '@ktrdr/operations';
import { intArg, monotonicMs, printSummary, printTable } from './support/bench-stats';
import { startDummy, withBenchApi, type BenchApi } from './support/bench-api.process';
import { CancelRounds, type CancelSample } from './support/cancel-rounds';
import { expectJson } from './support/json-http';
import { openSseStream, type ReceivedEvent } from './support/sse-stream';

const TARGET_P99_MS = 100;
const DUMMY = { steps: 100_000, step_ms: 5 };
const WARMUP = 10;

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
  const { id, url } = await startDummy(api, DUMMY);
  const inbox = new EventInbox();
  const stream = await openSseStream(`${url}/events`, inbox.push);
  try {
    await inbox.next((e) => e.event === 'progress');
    // A random point inside a 5 ms step: the cancel lands mid-sleep, not on a step boundary.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * DUMMY.step_ms));
    const sentAt = monotonicMs();
    const statusEvent = inbox.next((e) => e.event === 'status');
    const del = await expectJson<{ status: string }>(202, 'DELETE', url);
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
  await withBenchApi('cancel', async (api) => {
    const probeUrl = (await startDummy(api, { steps: 2, step_ms: 1 })).url;
    for (let i = 0; i < WARMUP; i++) {
      await cancelOnce(api);
      await expectJson(200, 'GET', probeUrl);
    }

    const cancel = new CancelRounds<CancelSample>();
    const perRoundRows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      const roundCancel: CancelSample[] = [];
      for (let i = 0; i < perRound; i++) roundCancel.push(await cancelOnce(api));
      const roundGet: number[] = [];
      for (let i = 0; i < perRound; i++) roundGet.push((await expectJson(200, 'GET', probeUrl)).ms);
      const { cancel: c, get: g } = cancel.add(roundCancel, roundGet);
      perRoundRows.push([r, c.p50, c.p99, g.p50, g.p99]);
    }

    console.log(
      `\ncancel latency: ${cancel.samples.length} running dummy operations (step_ms ${DUMMY.step_ms}), one at a time\n`,
    );
    printTable(['round', 'cancel p50', 'cancel p99', 'GET p50', 'GET p99'], perRoundRows);
    const figures = cancel.report(TARGET_P99_MS, true);
    printSummary({
      bench: 'cancel-latency',
      operations: cancel.samples.length,
      rounds,
      ...figures,
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
