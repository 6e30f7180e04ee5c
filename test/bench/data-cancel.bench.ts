/**
 * Benchmark (issue 3 §6; operations.md "Targets"): cancel of a data load with a segment
 * request in flight to the data host → `cancelled`, p99 ≤ 250 ms.
 *
 *   npm run bench:data-cancel [-- --rounds 5 --per-round 20 --latency 2000]
 *
 * Real processes on loopback: the data host (apps/data-host, synthetic provider, pacing none,
 * SYNTHETIC_LATENCY_MS `--latency`, so each segment request stays in flight that long) and the
 * API as configured (keep-alive pool, test/bench/support/data-bench-api.main.ts), routed to it.
 * Each sample: POST a `full` 1m load of 15 trading days (15 segments; in flight at once: the
 * pool's 10 sockets or fewer when the host's provider takes fewer),
 * open its SSE stream, wait for the fetch step's first progress event and for the host's
 * /health to show that many requests in flight, wait a random 0–500 ms more, then time from sending DELETE /operations/:id to
 * receiving the `cancelled` status event on that stream. Then the host must report the
 * requests cancelled (its upstream calls stopped) and nothing left in flight before the next.
 * Baseline, alternating sample by sample: a plain GET /operations/:id round trip.
 */
import { intArg, monotonicMs, printSummary, printTable, summarize } from './support/bench-stats';
import { benchTempDir, type BenchChild } from './support/bench-processes';
import { CancelRounds, type CancelSample } from './support/cancel-rounds';
import { closeHttpAgent, expectJson } from './support/json-http';
import {
  dataHostHealth,
  getOperationMs,
  type LoadRequest,
  OperationWatch,
  progressOf,
  startLoad,
} from './support/data-bench-client';
import { startDataApi, startDataHost } from './support/data-bench-processes';

const TARGET_P99_MS = 250;
const WARMUP = 5;
/** How long one wait (fetch step, host counters) may take before the sample is an error. */
const WAIT_LIMIT_MS = 30_000;
const POLL_MS = 5;
/** The data host adapter's sockets: segment requests in flight at once during a fetch. */
/** The API's pool size: segments in flight are min(this, the host's max_concurrent_requests). */
const POOL_SOCKETS = 10;
/** Most of the random wait before the DELETE (also at most half the host latency). */
const MAX_JITTER_MS = 500;
/** 15 trading days of 1m bars: 15 one-day segments, more than the 10 sockets to the host. */
const LOAD: LoadRequest = {
  symbol: 'AAPL',
  timeframe: '1m',
  mode: 'full',
  start_date: '2024-03-04',
  end_date: '2024-03-23',
};

interface LoadCancelSample extends CancelSample {
  id: string;
  /** Host requests in flight when the DELETE was sent. */
  inFlight: number;
  /** Host requests that ended cancelled because of this cancel. */
  hostCancelled: number;
}

function withLimit<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${WAIT_LIMIT_MS} ms`)),
      WAIT_LIMIT_MS,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Polls the host's /health (bounded) until `done` holds; returns that answer. */
async function hostUntil(
  hostUrl: string,
  what: string,
  done: (h: Awaited<ReturnType<typeof dataHostHealth>>) => boolean,
): Promise<Awaited<ReturnType<typeof dataHostHealth>>> {
  const deadline = monotonicMs() + WAIT_LIMIT_MS;
  for (;;) {
    const health = await dataHostHealth(hostUrl);
    if (done(health)) return health;
    if (monotonicMs() > deadline) throw new Error(`data host: ${what} (${JSON.stringify(health)})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function cancelOnce(
  api: string,
  hostUrl: string,
  jitterMs: number,
): Promise<LoadCancelSample> {
  const idle = await hostUntil(
    hostUrl,
    'requests still in flight',
    (h) => h.requests_in_flight === 0,
  );
  const id = await startLoad(api, LOAD);
  const watch = await OperationWatch.open(api, id);
  try {
    await withLimit(
      'fetch step',
      watch.next((e) => progressOf(e)?.step_name === 'fetch_segments'),
    );
    // All of the pool's sockets busy (the steady state of a fetch), then a random point inside
    // the requests' wait, so the cancel does not always land just after they were sent.
    const inFlight = Math.min(POOL_SOCKETS, idle.max_concurrent_requests ?? POOL_SOCKETS);
    const busy = await hostUntil(
      hostUrl,
      'segment requests not in flight',
      (h) => h.requests_in_flight >= inFlight,
    );
    await new Promise((resolve) => setTimeout(resolve, Math.random() * jitterMs));
    const sentAt = monotonicMs();
    const del = await expectJson<{ status: string }>(202, 'DELETE', `${api}/operations/${id}`);
    const terminal = await withLimit('cancelled event', watch.terminal());
    if (terminal.status !== 'cancelled' || terminal.operation.result?.cancelled !== true) {
      throw new Error(`operation ${id} ended ${terminal.status}`);
    }
    const after = await hostUntil(
      hostUrl,
      'the cancel did not reach the host',
      (h) => h.requests_in_flight === 0 && h.requests_cancelled > idle.requests_cancelled,
    );
    return {
      id,
      cancelMs: terminal.receivedMs - sentAt,
      deleteMs: del.ms,
      inFlight: busy.requests_in_flight,
      hostCancelled: after.requests_cancelled - idle.requests_cancelled,
    };
  } finally {
    watch.close();
  }
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const perRound = intArg('per-round', 20);
  const latencyMs = intArg('latency', 2000);
  const tmp = benchTempDir('data-cancel');
  let host: BenchChild | null = null;
  let api: BenchChild | null = null;
  try {
    host = await startDataHost(latencyMs);
    api = await startDataApi(host.url, tmp.dir, true);
    const base = `${api.url}/api/v1`;
    const jitterMs = Math.min(MAX_JITTER_MS, latencyMs / 2);
    for (let i = 0; i < WARMUP; i++) {
      const s = await cancelOnce(base, host.url, jitterMs);
      await getOperationMs(base, s.id);
    }

    const cancel = new CancelRounds<LoadCancelSample>();
    const rows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      const roundCancel: LoadCancelSample[] = [];
      const roundGet: number[] = [];
      for (let i = 0; i < perRound; i++) {
        const sample = await cancelOnce(base, host.url, jitterMs);
        roundCancel.push(sample);
        roundGet.push(await getOperationMs(base, sample.id));
      }
      const { cancel: c, get: g } = cancel.add(roundCancel, roundGet);
      rows.push([r, c.p50, c.p99, c.max, g.p50, g.p99]);
      console.log(`round ${r}: cancel p50 ${c.p50} ms p99 ${c.p99} ms; GET p50 ${g.p50} ms`);
    }

    const samples = cancel.samples;
    const inFlight = summarize(samples.map((s) => s.inFlight));
    const hostCancelled = summarize(samples.map((s) => s.hostCancelled));
    console.log(
      `\ndata load cancel: ${samples.length} loads, each cancelled with segment requests in flight ` +
        `(host SYNTHETIC_LATENCY_MS ${latencyMs}); host requests in flight at DELETE: ` +
        `p50 ${inFlight.p50}, min ${Math.min(...samples.map((s) => s.inFlight))}; DELETE a random ` +
        `0–${jitterMs} ms after; ` +
        `cancelled at the host per load: p50 ${hostCancelled.p50}\n`,
    );
    printTable(['round', 'cancel p50', 'cancel p99', 'cancel max', 'GET p50', 'GET p99'], rows);
    const figures = cancel.report(TARGET_P99_MS, false);
    printSummary({
      bench: 'data-cancel',
      loads_cancelled: samples.length,
      rounds,
      synthetic_latency_ms: latencyMs,
      host_in_flight_at_delete: inFlight,
      host_cancelled_per_load: hostCancelled,
      ...figures,
    });
  } finally {
    closeHttpAgent();
    await api?.stop();
    await host?.stop();
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
