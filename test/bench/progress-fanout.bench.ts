/**
 * Benchmark: progress fan-out (operations.md, "Targets": one operation reporting 10,000
 * updates/s to 200 subscribers; each sees the latest state within 150 ms; the API's event-loop
 * delay p99 < 20 ms).
 *
 *   npm run bench:fanout [-- --rounds 5 --subscribers 200 --fire-ms 5000 --updates-per-ms 10]
 *
 * The real API plus a bench-only `bench_firehose` operation runs in a CHILD process on
 * loopback. Per run: launch the firehose (it waits at a gate), open every SSE subscriber from
 * this one process (node:http), open the gate; the operation then reports `updates-per-ms`
 * updates per ms for `fire-ms`, each stamped with its monotonic production time
 * (`context.produced_ms`, CLOCK_MONOTONIC, the same clock in both processes), stays quiet
 * 300 ms and completes. The server measures its own event-loop delay over the firing window
 * (perf_hooks.monitorEventLoopDelay); the baseline is the same server idle for as long,
 * measured the same way. Rounds alternate run / idle.
 *
 * Per delivered event: staleness = receive time − production time (the final snapshot apart:
 * it waits for its coalescing window by design). "Sees the latest within": the view lag =
 * receive time of the next event − production time of the one held (how long a newer state
 * existed unseen), and at the end, the final lag = receive time of the final snapshot − its
 * production time. Server GC pauses of the firing window are printed to explain spikes.
 */
import { intArg, median, printSummary, printTable, round, summarize } from './support/bench-stats';
import { withBenchApi, type BenchApi } from './support/bench-api.process';
import { runFirehose, type FirehoseRunStats } from './support/firehose-run';
import { expectJson } from './support/json-http';
import type { LoopDelayStats } from './support/loop-delay.monitor';

const TARGET_LATEST_MS = 150;
const TARGET_LOOP_DELAY_P99_MS = 20;
const HOLD_MS = 300;

async function idle(api: BenchApi, ms: number): Promise<LoopDelayStats> {
  return (await expectJson<LoopDelayStats>(200, 'GET', `${api.api}/bench/loop-delay?ms=${ms}`))
    .body;
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const subscribers = intArg('subscribers', 200);
  const fireMs = intArg('fire-ms', 5000);
  const perMs = intArg('updates-per-ms', 10);
  const options = { subscribers, fireMs, updatesPerMs: perMs, holdMs: HOLD_MS };
  await withBenchApi('fanout', async (api) => {
    await runFirehose(api, { ...options, subscribers: Math.min(20, subscribers), fireMs: 500 });

    const runs: FirehoseRunStats[] = [];
    const idles: LoopDelayStats[] = [];
    const rows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      let run: FirehoseRunStats;
      // Alternate which goes first, so a drift in machine load hits both alike.
      let quiet: LoopDelayStats;
      if (r % 2 === 1) {
        run = await runFirehose(api, options);
        quiet = await idle(api, fireMs);
      } else {
        quiet = await idle(api, fireMs);
        run = await runFirehose(api, options);
      }
      runs.push(run);
      idles.push(quiet);
      const st = summarize(run.staleness);
      const lag = summarize(run.viewLag);
      rows.push([
        r,
        round(run.updatesPerSecond, 0),
        st.p50,
        st.p99,
        lag.p99,
        summarize(run.finalLag).max,
        round(median(run.eventsPerSubscriberPerSecond)),
        round(run.result.loop_delay.p99),
        round(run.result.loop_delay.max),
        round(run.result.loop_delay.gc_max_ms),
        round(quiet.p99),
        round(run.clientLoopDelayP99),
      ]);
    }

    const staleness = summarize(runs.flatMap((r) => r.staleness));
    const viewLag = summarize(runs.flatMap((r) => r.viewLag));
    const finalLag = summarize(runs.flatMap((r) => r.finalLag));
    const eventsPerSec = median(runs.flatMap((r) => r.eventsPerSubscriberPerSecond));
    const updatesPerSec = median(runs.map((r) => r.updatesPerSecond));
    const loopRun = median(runs.map((r) => r.result.loop_delay.p99));
    const loopRunMax = Math.max(...runs.map((r) => r.result.loop_delay.max));
    const loopIdle = median(idles.map((i) => i.p99));
    const loopRatio = loopIdle > 0 ? round(loopRun / loopIdle) : null;
    const latestPass = viewLag.p99 <= TARGET_LATEST_MS && finalLag.max <= TARGET_LATEST_MS;
    const loopPass = loopRun < TARGET_LOOP_DELAY_P99_MS;

    console.log(
      `\nprogress fan-out: ${subscribers} SSE subscribers in this one process, ` +
        `${perMs} updates/ms for ${fireMs} ms per run\n`,
    );
    printTable(
      [
        'round',
        'updates/s',
        'stale p50',
        'stale p99',
        'view lag p99',
        'final lag max',
        'ev/sub/s',
        'loop p99 run',
        'loop max run',
        'gc max run',
        'loop p99 idle',
        'client loop p99',
      ],
      rows,
    );
    console.log('');
    printTable(
      ['measure (all rounds)', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      [
        ['staleness per delivered event (not final)', staleness.p50, staleness.p99, staleness.max],
        ['view lag (next receive − held produced)', viewLag.p50, viewLag.p99, viewLag.max],
        ['final snapshot lag', finalLag.p50, finalLag.p99, finalLag.max],
      ],
    );
    console.log(
      `\nupdates produced: ${round(updatesPerSec, 0)}/s (median); delivered ${round(eventsPerSec)} ` +
        `events per subscriber per second (median; ≤ ~10 expected from coalescing)` +
        `\ntarget: each subscriber sees the latest within ${TARGET_LATEST_MS} ms → view lag p99 ` +
        `${viewLag.p99} ms, final lag max ${finalLag.max} ms ${latestPass ? 'PASS' : 'MISS'}` +
        `\ntarget: API event-loop delay p99 < ${TARGET_LOOP_DELAY_P99_MS} ms → ${round(loopRun)} ms ` +
        `(median of rounds; max ${round(loopRunMax)} ms) ${loopPass ? 'PASS' : 'MISS'}; idle baseline ` +
        `${round(loopIdle)} ms; ratio run/idle ${loopRatio ?? 'n/a (idle p99 0)'}`,
    );
    printSummary({
      bench: 'progress-fanout',
      rounds,
      subscribers,
      subscriber_processes: 1,
      fire_ms: fireMs,
      updates_per_second: round(updatesPerSec, 0),
      staleness_ms: staleness,
      view_lag_ms: viewLag,
      final_lag_ms: finalLag,
      events_per_subscriber_per_second: round(eventsPerSec),
      loop_delay_p99_ms: { run: round(loopRun), idle: round(loopIdle), run_max: round(loopRunMax) },
      loop_delay_ratio: loopRatio,
      server_gc_max_ms: round(Math.max(...runs.map((r) => r.result.loop_delay.gc_max_ms))),
      client_loop_delay_p99_ms: round(median(runs.map((r) => r.clientLoopDelayP99))),
      target: { latest_ms: TARGET_LATEST_MS, loop_delay_p99_ms: TARGET_LOOP_DELAY_P99_MS },
      pass: { latest: latestPass, loop_delay: loopPass },
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
