/**
 * Benchmark (issue 8 §5–6): is the API responsive while it loads data? A real API process
 * (src/main.ts) with the synthetic provider in-process; a probe calls GET /api/v1/health every
 * `--probe-ms` (one probe in flight) while:
 *
 * - A: `--loads` (50) concurrent `full` loads on different symbols, half `1h`, half `1d`, from
 *   the provider's first bar (2015): each load's SSE stream is opened after its 202 (the time
 *   to open it is reported);
 * - B: one `EUR.USD 1m full` load of the last `--b-days` days (default 3,900: ~4 M bars);
 * - C: a fresh API over B's cache, one `EUR.USD 1m tail` load (the cached series is ~4 M bars:
 *   its memory must not grow with it).
 *
 * Targets: health p99 ≤ 100 ms during A and B. Reports health p50/p99 vs idle, the API's peak
 * RSS (VmHWM) per scenario (a fresh API each), load wall time; medians of `--runs` runs.
 *
 *   npm run bench:load-responsiveness [-- --runs 3 --loads 50 --b-days 3900 --probe-ms 50]
 */
import {
  intArg,
  median,
  monotonicMs,
  printSummary,
  printTable,
  type LatencySummary,
} from './support/bench-stats';
import { benchTempDir } from './support/bench-processes';
import { OperationWatch, startLoad, type LoadRequest } from './support/data-bench-client';
import { closeProbes } from './support/health-probe';
import { probedApiRun } from './support/probed-api-run';

const HEALTH_P99_TARGET_MS = 100;
const DAY_MS = 86_400_000;

interface ScenarioResult {
  idle: LatencySummary;
  busy: LatencySummary;
  wallMs: number;
  peakRssMb: number;
  bars: number;
  sseOpenP50Ms: number | null;
}

/** Runs `loads` on a fresh API over `dataDir` while probing its health. */
async function scenario(
  dataDir: string,
  probeMs: number,
  loads: LoadRequest[],
): Promise<ScenarioResult> {
  const sseOpenMs: number[] = [];
  const run = await probedApiRun(dataDir, probeMs, async (apiUrl) => {
    const base = `${apiUrl}/api/v1`;
    const barsPerLoad = await Promise.all(
      loads.map(async (body) => {
        const id = await startLoad(base, body);
        const opening = monotonicMs();
        const watch = await OperationWatch.open(base, id);
        sseOpenMs.push(monotonicMs() - opening);
        try {
          const { status, operation } = await watch.terminal();
          if (status !== 'completed') {
            throw new Error(
              `${body.symbol} ${body.timeframe}: ${status} ${JSON.stringify(operation.error)}`,
            );
          }
          return operation.result?.bars_after ?? 0;
        } finally {
          watch.close();
        }
      }),
    );
    return barsPerLoad.reduce((a, b) => a + b, 0);
  });
  return {
    idle: run.idle,
    busy: run.busy,
    wallMs: run.workMs,
    peakRssMb: run.peakRssMb,
    bars: run.result,
    sseOpenP50Ms: loads.length > 1 ? median(sseOpenMs) : null,
  };
}

function concurrentLoads(count: number): LoadRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    symbol: `SYM${String(i).padStart(2, '0')}`,
    timeframe: i % 2 === 0 ? '1h' : '1d',
    mode: 'full',
    start_date: '2015-01-01',
  }));
}

async function main(): Promise<void> {
  const runs = intArg('runs', 3);
  const loadCount = intArg('loads', 50);
  const bDays = intArg('b-days', 3900);
  const probeMs = intArg('probe-ms', 50);
  const bStart = new Date(Date.now() - bDays * DAY_MS).toISOString().slice(0, 10);
  const results: { a: ScenarioResult; b: ScenarioResult; c: ScenarioResult }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const tmp = benchTempDir('load-api');
      try {
        const a = await scenario(tmp.dir, probeMs, concurrentLoads(loadCount));
        const euro = { symbol: 'EUR.USD', timeframe: '1m' };
        const b = await scenario(tmp.dir, probeMs, [{ ...euro, mode: 'full', start_date: bStart }]);
        const c = await scenario(tmp.dir, probeMs, [{ ...euro, mode: 'tail' }]);
        results.push({ a, b, c });
        const line = (name: string, r: ScenarioResult): string =>
          `${name}: ${(r.wallMs / 1000).toFixed(1)} s, ${r.bars.toLocaleString('en-US')} bars, health p99 ${r.busy.p99} ms (idle ${r.idle.p99}), peak RSS ${r.peakRssMb.toFixed(0)} MB`;
        console.log(`run ${i + 1}: ${line('A', a)}; ${line('B', b)}; ${line('C', c)}`);
      } finally {
        tmp.remove();
      }
    }
    const rows = results.flatMap(({ a, b, c }, i) =>
      (
        [
          ['A', a],
          ['B', b],
          ['C', c],
        ] as const
      ).map(([name, r]) => [
        i + 1,
        name,
        r.wallMs / 1000,
        r.bars,
        r.busy.count,
        r.busy.p50,
        r.busy.p99,
        r.busy.max,
        r.idle.p50,
        r.idle.p99,
        Math.round(r.peakRssMb),
        r.sseOpenP50Ms ?? '-',
      ]),
    );
    printTable(
      [
        'run',
        'scenario',
        'wall s',
        'bars',
        'probes',
        'health p50',
        'health p99',
        'health max',
        'idle p50',
        'idle p99',
        'peak RSS MB',
        'SSE open p50',
      ],
      rows,
    );
    const med = (pick: (r: (typeof results)[number]) => number): number =>
      median(results.map(pick));
    const summary = {
      bench: 'load-responsiveness',
      runs,
      loads: loadCount,
      b_start: bStart,
      idle_p50_ms: med((r) => r.a.idle.p50),
      idle_p99_ms: med((r) => r.a.idle.p99),
      a_wall_s: med((r) => r.a.wallMs / 1000),
      a_bars: med((r) => r.a.bars),
      a_health_p50_ms: med((r) => r.a.busy.p50),
      a_health_p99_ms: med((r) => r.a.busy.p99),
      a_sse_open_p50_ms: med((r) => r.a.sseOpenP50Ms ?? Number.NaN),
      a_peak_rss_mb: Math.round(med((r) => r.a.peakRssMb)),
      b_wall_s: med((r) => r.b.wallMs / 1000),
      b_bars: med((r) => r.b.bars),
      b_health_p50_ms: med((r) => r.b.busy.p50),
      b_health_p99_ms: med((r) => r.b.busy.p99),
      b_peak_rss_mb: Math.round(med((r) => r.b.peakRssMb)),
      c_wall_s: med((r) => r.c.wallMs / 1000),
      c_health_p99_ms: med((r) => r.c.busy.p99),
      c_peak_rss_mb: Math.round(med((r) => r.c.peakRssMb)),
    };
    const met =
      summary.a_health_p99_ms <= HEALTH_P99_TARGET_MS &&
      summary.b_health_p99_ms <= HEALTH_P99_TARGET_MS;
    console.log(
      `\nmedians: health p99 ${summary.a_health_p99_ms} ms during ${loadCount} loads, ${summary.b_health_p99_ms} ms during the ${summary.b_bars.toLocaleString('en-US')}-bar load ` +
        `(idle ${summary.idle_p99_ms} ms; target ≤ ${HEALTH_P99_TARGET_MS}): ${met ? 'targets met' : 'TARGET MISSED'}`,
    );
    printSummary({ ...summary, targets_met: met });
    if (!met) process.exitCode = 1;
  } finally {
    closeProbes();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
