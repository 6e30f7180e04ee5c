/**
 * Benchmark (training.md "Targets"): the API while it trains locally.
 *
 *   npm run bench:training-api [-- --rounds 3]
 *
 * The real API (AppModule, createHttpApp) runs in this process on a loopback port, with the
 * synthetic provider, the repo's strategies and the WebAssembly backend; the client calls it over
 * HTTP. Three measures, `--rounds` times each:
 * 1. event-loop delay p99 of this process (perf_hooks, 10 ms resolution) while a local training
 *    of multi_symbol_mlp runs (the client polling its progress every 25 ms from this thread),
 *    beside the same measure idle for as long and idle with the same polling (of the finished
 *    operation) for as long (target < 20 ms);
 * 2. cancel → cancelled of a local training mid-epoch, on the server's clock
 *    (completed_at − cancellation.requested_at), beside the batch time observed from the progress
 *    reports (target ≤ one batch + 100 ms);
 * 3. ETA accuracy: the `eta_seconds` reported at the first progress read past 20% against the
 *    time that really remained from that snapshot to the end (a null ETA counts as 100 % off),
 *    over trainings of the three example strategies on five years of bars and a two-year 1m
 *    data load (synthetic latency 20 ms per request), `--eta-runs` (default 5) of each kind in
 *    turn; the median absolute error per kind and over all, target ≤ 15%. The first run of a
 *    kind (strategy; timeframe and mode) has no earlier runs to learn from (StepPaceHistory):
 *    its current step is taken at its rate so far and the steps ahead at the same rate.
 * Host cancel latency: npm run bench:training-cancel.
 *
 *   npm run bench:training-api -- --rounds 3 --eta-runs 5   (--only loop|eta)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../src/app.module';
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import { ROOT } from './support/bench-processes';
import { TrainingBenchClient } from './support/training-bench-client';

async function main(): Promise<void> {
  const rounds = intArg('rounds', 3);
  const etaRuns = intArg('eta-runs', 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-training-bench-'));
  Object.assign(process.env, {
    DATA_DIR: dir,
    MODELS_DIR: path.join(dir, 'models'),
    STRATEGIES_DIR: path.join(ROOT, 'strategies'),
    TFJS_BACKEND: 'wasm',
    SYNTHETIC_LATENCY_MS: '20',
    DATABASE_URL: '',
    API_KEY: '',
  });
  delete process.env.DATABASE_URL;
  delete process.env.API_KEY;
  const app = await createHttpApp(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
  const api = new TrainingBenchClient(url);
  try {
    const loop: unknown[][] = [];
    const cancels: unknown[][] = [];
    const etas: unknown[][] = [];
    const only = process.argv.includes('--only')
      ? process.argv[process.argv.indexOf('--only') + 1]
      : undefined;
    for (let round_ = 1; round_ <= rounds && only !== 'eta'; round_ += 1) {
      let trained = '';
      const busy = await loopDelayWhile(async () => {
        trained = await api.train('multi_symbol_mlp');
      });
      const idle = await loopDelayWhile(() => delay(busy.ms));
      // The client polls from this same thread while training: the fair baseline polls too.
      const polling = await loopDelayWhile(() => api.pollFor(trained, busy.ms));
      loop.push([
        round_,
        idle.p99,
        polling.p99,
        busy.p99,
        round(busy.p99 / Math.max(polling.p99, 0.01)),
        busy.ms,
      ]);
      const cancel = await api.cancelMidEpoch('multi_symbol_mlp');
      cancels.push([round_, cancel.batchMs, cancel.latencyMs, cancel.latencyMs - cancel.batchMs]);
    }
    for (let run = 1; run <= etaRuns && only !== 'loop'; run += 1) {
      for (const strategy of ['rsi_mlp', 'multi_symbol_mlp', 'multi_timeframe_mlp']) {
        etas.push([
          run,
          `train ${strategy} 2020–2024`,
          // Five years of bars: long enough that each phase is sampled before 20 %.
          ...(await api.etaError('/trainings', {
            strategy_name: strategy,
            start_date: '2020-01-01',
            end_date: '2024-12-31',
          })),
        ]);
      }
      etas.push([
        run,
        'data load MSFT 1m full, 2 years',
        ...(await api.etaError('/data/load', {
          symbol: `MSFT${run}`,
          timeframe: '1m',
          mode: 'full',
          start_date: '2023-01-01',
          end_date: '2024-12-31',
        })),
      ]);
    }
    if (loop.length > 0) {
      printTable(
        [
          'round',
          'idle p99 ms',
          'idle + polling p99 ms',
          'training p99 ms',
          'ratio to polling',
          'duration ms',
        ],
        loop,
      );
      printTable(['round', 'batch ms', 'cancel → cancelled ms', 'over one batch ms'], cancels);
    }
    printTable(['run', 'work', 'read at %', 'eta s', 'really left s', 'abs error %'], etas);
    const errors = etas.map((row) => Number(row[5]));
    const kinds = [...new Set(etas.map((row) => String(row[1])))];
    printTable(
      ['work', 'runs', 'median abs error %', 'median without the first run %'],
      kinds.map((kind) => {
        const rows = etas.filter((row) => row[1] === kind).map((row) => Number(row[5]));
        return [kind, rows.length, median(rows), rows.length > 1 ? median(rows.slice(1)) : '-'];
      }),
    );
    printSummary({
      loop_delay_p99_idle_median_ms: median(loop.map((r) => Number(r[1]))),
      loop_delay_p99_idle_polling_median_ms: median(loop.map((r) => Number(r[2]))),
      loop_delay_p99_training_median_ms: median(loop.map((r) => Number(r[3]))),
      loop_delay_ratio_to_polling_median: median(loop.map((r) => Number(r[4]))),
      loop_delay_target_ms: 20,
      cancel_latency_median_ms: median(cancels.map((r) => Number(r[2]))),
      cancel_over_one_batch_max_ms: Math.max(...cancels.map((r) => Number(r[3]))),
      cancel_target: 'one batch + 100 ms',
      eta_median_abs_error_pct: median(errors),
      eta_target_pct: 15,
    });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The event-loop delay of this process while `work` runs. */
async function loopDelayWhile(work: () => Promise<unknown>): Promise<{ p99: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  histogram.enable();
  await work();
  histogram.disable();
  return {
    p99: round(histogram.percentile(99) / 1e6),
    ms: Math.round(performance.now() - started),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
