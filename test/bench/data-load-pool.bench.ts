/**
 * Benchmark (issue 3 §6): a `full` load of one year of 1m bars (252 one-day segments) through
 * the data host, pooled vs unpooled, end to end. Target: pooled ≥ 30% faster.
 *
 *   npm run bench:data-load [-- --rounds 9 --loads 3 --latencies 0 --lan-ms 1]
 *
 * Real processes on loopback: the data host (apps/data-host, synthetic provider, pacing none,
 * SYNTHETIC_LATENCY_MS = each of `--latencies`, standing for the upstream round trip) and, per
 * round and variant, a fresh API (test/bench/support/data-bench-api.main.ts) with a fresh
 * DATA_DIR, routed to the host (USE_IB_HOST_SERVICE) through the real IbDataAdapter:
 *   pooled   — the product as configured: keep-alive pool, 10 sockets;
 *   unpooled — the same app, its adapter with `keepAlive: false` (a connection per request,
 *              `Connection: close`): what the original's fresh-client-per-request did.
 * Each API runs a small warm-up load (another series), then `--loads` measured loads of
 * different, uncached symbols, one after the other: wall time from sending POST /data/load to
 * receiving the `completed` status event on the operation's SSE stream. A round's figure is the
 * median of its loads. Variants alternate within a round and swap order every round; a round 0
 * (not counted) warms the host. Printed: per round times and ratio, medians per variant, the
 * ratio of the medians, the median of the per-round ratios, and the same for step 5 alone.
 *
 * Each latency runs twice: on plain loopback, where a TCP connect costs almost nothing, and
 * through a latency-injecting TCP proxy (support/latency-proxy.ts) between the API and the
 * data host adding `--lan-ms` (default 1 ms, a LAN round trip; 0 = loopback only) to each
 * connect and each response chunk — what the pool saves across a real network.
 */
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import { closeHttpAgent } from './support/json-http';
import {
  dataHostAdapterSockets,
  fetchStepMs,
  type LoadRequest,
  timedLoad,
} from './support/data-bench-client';
import { benchTempDir, type BenchChild } from './support/bench-processes';
import { startDataApi, startDataHost } from './support/data-bench-processes';
import { startLatencyProxy } from './support/latency-proxy';

const TARGET_TIME_SAVED = 0.3;
const YEAR: Omit<LoadRequest, 'symbol'> = {
  timeframe: '1m',
  mode: 'full',
  start_date: '2024-01-01',
  end_date: '2024-12-31T23:59:59Z',
};
/** Measured series: US stocks, one calendar, so every load plans the same 252 segments. */
const SYMBOLS = ['AAPL', 'IBM', 'SPY', 'QQQ', 'JPM', 'KO', 'XOM'];
/** About 20 one-day segments of another series: JIT and first sockets, not measured. */
const WARMUP: LoadRequest = {
  ...YEAR,
  symbol: 'MSFT',
  start_date: '2023-06-01',
  end_date: '2023-06-30',
};

type Variant = 'pooled' | 'unpooled';

/** One variant in one round: medians over its loads. */
interface RoundSample {
  ms: number;
  fetchMs: number;
  segments: number;
  bars: number;
  /** Data host adapter sockets opened / reused per measured load. */
  socketsCreated: number;
  socketsReused: number;
  retries: number;
}

/** One network setting: host latency, and the LAN round trip the proxy adds (0: loopback). */
interface Scenario {
  latencyMs: number;
  lanMs: number;
}

function lanMsArg(): number {
  const i = process.argv.indexOf('--lan-ms');
  const value = i >= 0 ? Number(process.argv[i + 1]) : 1;
  if (!Number.isFinite(value) || value < 0) throw new Error('--lan-ms must be a number ≥ 0');
  return value;
}

function latenciesArg(): number[] {
  const i = process.argv.indexOf('--latencies');
  const text = i >= 0 ? (process.argv[i + 1] ?? '') : '0';
  const values = text.split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error('--latencies must be a comma-separated list of integers ≥ 0 (ms)');
  }
  return values;
}

/** A fresh API and DATA_DIR, the warm-up, then `loads` measured loads of uncached series. */
async function runVariant(hostUrl: string, variant: Variant, loads: number): Promise<RoundSample> {
  const tmp = benchTempDir('data-load');
  let api: BenchChild | null = null;
  try {
    api = await startDataApi(hostUrl, tmp.dir, variant === 'pooled');
    const base = `${api.url}/api/v1`;
    const warm = await timedLoad(base, WARMUP);
    if (warm.terminal.status !== 'completed') throw new Error(`warm-up ${warm.terminal.status}`);
    const ms: number[] = [];
    const fetchMs: number[] = [];
    const before = await dataHostAdapterSockets(base);
    let segments = 0;
    let bars = 0;
    let retries = 0;
    for (const symbol of SYMBOLS.slice(0, loads)) {
      const load = await timedLoad(base, { ...YEAR, symbol });
      const result = load.terminal.operation.result;
      if (load.terminal.status !== 'completed' || !result || result.segments_failed > 0) {
        const why = load.terminal.operation.error ?? result?.warnings;
        throw new Error(
          `${variant} ${symbol} ended ${load.terminal.status}: ${JSON.stringify(why)}`,
        );
      }
      ms.push(load.ms);
      fetchMs.push(fetchStepMs(load.progress));
      segments = result.segments_fetched;
      bars = result.bars_fetched;
      retries += result.retries;
    }
    const after = await dataHostAdapterSockets(base);
    return {
      ms: median(ms),
      fetchMs: median(fetchMs),
      segments,
      bars,
      socketsCreated: (after.created - before.created) / loads,
      socketsReused: (after.reused - before.reused) / loads,
      retries,
    };
  } finally {
    await api?.stop();
    tmp.remove();
  }
}

/** The rounds of one scenario; prints its tables and returns its summary. */
async function runScenario(
  { latencyMs, lanMs }: Scenario,
  rounds: number,
  loads: number,
): Promise<Record<string, unknown>> {
  const host = await startDataHost(latencyMs);
  const proxy = lanMs > 0 ? await startLatencyProxy(host.url, lanMs) : null;
  const hostUrl = proxy?.url ?? host.url;
  const label = `latency ${latencyMs} ms, ${proxy ? `LAN +${lanMs} ms` : 'loopback'}`;
  const samples: Record<Variant, RoundSample[]> = { pooled: [], unpooled: [] };
  const rows: (string | number)[][] = [];
  try {
    for (let r = 0; r <= rounds; r++) {
      const order: Variant[] = r % 2 === 1 ? ['pooled', 'unpooled'] : ['unpooled', 'pooled'];
      const got: Partial<Record<Variant, RoundSample>> = {};
      for (const variant of order) got[variant] = await runVariant(hostUrl, variant, loads);
      const a = got.pooled!;
      const b = got.unpooled!;
      if (r === 0) continue; // warms the host for both connection modes
      samples.pooled.push(a);
      samples.unpooled.push(b);
      const row = [
        r,
        order[0]!,
        a.ms,
        b.ms,
        b.ms / a.ms,
        a.fetchMs,
        b.fetchMs,
        b.fetchMs / a.fetchMs,
      ];
      rows.push(row.map((v) => (typeof v === 'number' ? round(v) : v)));
      console.log(
        `${label}, round ${r}: pooled ${a.ms.toFixed(0)} ms, ` +
          `unpooled ${b.ms.toFixed(0)} ms (${(b.ms / a.ms).toFixed(2)}×)`,
      );
    }
  } finally {
    await proxy?.close();
    await host.stop();
  }
  const first = samples.pooled[0]!;
  console.log(
    `\n${label}: ${first.segments} segments, ` +
      `${first.bars.toLocaleString('en-US')} bars per load; per round the median of ${loads} loads`,
  );
  printTable(
    [
      'round',
      'first',
      'pooled ms',
      'unpooled ms',
      'ratio',
      'step 5 pooled',
      'step 5 unpooled',
      'ratio',
    ],
    rows,
  );
  const med = (v: Variant, f: (s: RoundSample) => number): number =>
    round(median(samples[v].map(f)));
  printTable(
    ['variant', 'median ms', 'median step 5 ms', 'sockets opened/load', 'reused/load', 'retries'],
    (['pooled', 'unpooled'] as const).map((v) => [
      v,
      med(v, (s) => s.ms),
      med(v, (s) => s.fetchMs),
      med(v, (s) => s.socketsCreated),
      med(v, (s) => s.socketsReused),
      samples[v].reduce((n, s) => n + s.retries, 0),
    ]),
  );
  console.log('');
  const a = med('pooled', (s) => s.ms);
  const b = med('unpooled', (s) => s.ms);
  const ratios = samples.pooled.map((s, i) => samples.unpooled[i]!.ms / s.ms);
  const fetchRatios = samples.pooled.map((s, i) => samples.unpooled[i]!.fetchMs / s.fetchMs);
  return {
    synthetic_latency_ms: latencyMs,
    lan_ms: lanMs,
    median_ms: { pooled: a, unpooled: b },
    speedup: round(b / a),
    median_round_speedup: round(median(ratios)),
    time_saved: round(1 - a / b, 3),
    pass: 1 - a / b >= TARGET_TIME_SAVED,
    step5_median_ms: {
      pooled: med('pooled', (s) => s.fetchMs),
      unpooled: med('unpooled', (s) => s.fetchMs),
    },
    step5_median_round_speedup: round(median(fetchRatios)),
    pooled_ms: samples.pooled.map((s) => round(s.ms)),
    unpooled_ms: samples.unpooled.map((s) => round(s.ms)),
  };
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 9);
  const loads = intArg('loads', 3);
  if (loads > SYMBOLS.length) throw new Error(`--loads must be ≤ ${SYMBOLS.length}`);
  const lanMs = lanMsArg();
  const scenarios: Scenario[] = latenciesArg().flatMap((latencyMs) =>
    lanMs > 0
      ? [
          { latencyMs, lanMs: 0 },
          { latencyMs, lanMs },
        ]
      : [{ latencyMs, lanMs: 0 }],
  );
  try {
    const results: Record<string, unknown>[] = [];
    for (const scenario of scenarios) results.push(await runScenario(scenario, rounds, loads));
    console.log(`1m full ${YEAR.start_date}→${YEAR.end_date}, ${rounds} rounds`);
    printTable(
      [
        'latency ms',
        'network',
        'pooled',
        'unpooled',
        'speed-up',
        'per-round',
        'time saved',
        'step 5 per-round',
        'target',
      ],
      results.map((r) => {
        const m = r.median_ms as { pooled: number; unpooled: number };
        const lan = r.lan_ms as number;
        return [
          r.synthetic_latency_ms as number,
          lan > 0 ? `LAN +${lan} ms` : 'loopback',
          m.pooled,
          m.unpooled,
          `${String(r.speedup)}×`,
          `${String(r.median_round_speedup)}×`,
          `${((r.time_saved as number) * 100).toFixed(1)}%`,
          `${String(r.step5_median_round_speedup)}×`,
          r.pass ? 'PASS (≥ 30% less time)' : 'MISS (< 30% less time)',
        ];
      }),
    );
    printSummary({
      bench: 'data-load-pool',
      load: { ...YEAR, symbols: SYMBOLS.slice(0, loads) },
      rounds,
      target_time_saved: TARGET_TIME_SAVED,
      results,
    });
  } finally {
    closeHttpAgent();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
