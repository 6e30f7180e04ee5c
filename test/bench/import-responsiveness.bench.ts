/**
 * Benchmark (issue 8 §4): a ~120 MB vendor CSV imported into a real API process while a probe
 * keeps calling GET /api/v1/health. Targets: health p99 ≤ 100 ms during the import; the API's
 * peak RSS ≤ 1 GB.
 *
 *   npm run bench:import [-- --runs 3 --mb 120 --probe-ms 20]
 *
 * The file: one-minute bars of a made-up series on weekdays 14:30–21:00 UTC, written as a
 * vendor would (`Datetime,Open,High,Low,Close,Adj Close,Volume`, `2015-01-02 14:30:00+00:00`).
 * Each run starts a fresh API (src/main.ts, DATA_DIR in a temp folder), probes /health for a few
 * seconds idle (the baseline), then streams the file to POST /data/SPY/1m/import while probing
 * every `--probe-ms` (one probe in flight at a time), and reads the process's VmHWM (peak RSS)
 * from /proc/<pid>/status. Prints each run and the medians; exits 1 when a target is missed.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { once } from 'node:events';
import { intArg, median, printSummary, printTable } from './support/bench-stats';
import { closeProbes } from './support/health-probe';
import { benchTempDir } from './support/bench-processes';
import { probedApiRun, type ProbedApiRun } from './support/probed-api-run';

const HEALTH_P99_TARGET_MS = 100;
const RSS_TARGET_MB = 1024;

/** Writes the vendor CSV (about `megabytes` MB); returns its bar count. */
async function writeVendorCsv(file: string, megabytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('Datetime,Open,High,Low,Close,Adj Close,Volume\n');
  let bytes = 0;
  let bars = 0;
  let price = 100;
  let seed = 42;
  const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let day = Date.UTC(2010, 0, 4); bytes < megabytes * 1e6; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    let chunk = '';
    for (let minute = 0; minute < 390; minute++) {
      const t = new Date(day + (14 * 60 + 30 + minute) * 60_000).toISOString();
      const open = price;
      price = Math.max(1, price + (random() - 0.5) * 0.2);
      const high = Math.max(open, price) + random() * 0.05;
      const low = Math.min(open, price) - random() * 0.05;
      const f = (x: number): string => x.toFixed(2);
      chunk += `${t.slice(0, 10)} ${t.slice(11, 19)}+00:00,${f(open)},${f(high)},${f(low)},${f(price)},${f(price)},${Math.floor(random() * 10_000)}\n`;
    }
    bars += 390;
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bars;
}

/** Streams `file` to the import route; resolves with the answer. */
function importFile(api: string, file: string, size: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${api}/api/v1/data/SPY/1m/import`,
      { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': size } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
          if (res.statusCode === 200) resolve(body);
          else reject(new Error(`import answered ${res.statusCode}: ${JSON.stringify(body)}`));
        });
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

type ImportRun = ProbedApiRun<Record<string, unknown>>;

/** One import into a fresh API, its health probed; checks that every bar was imported. */
async function run(file: string, size: number, bars: number, probeMs: number): Promise<ImportRun> {
  const tmp = benchTempDir('import-api');
  try {
    const probed = await probedApiRun(tmp.dir, probeMs, (api) => importFile(api, file, size));
    const { imported } = probed.result;
    if (imported !== bars) throw new Error(`imported ${String(imported)} of ${bars} bars`);
    return probed;
  } finally {
    tmp.remove();
  }
}

async function main(): Promise<void> {
  const runs = intArg('runs', 3);
  const megabytes = intArg('mb', 120);
  const probeMs = intArg('probe-ms', 20);
  const data = benchTempDir('import-file');
  try {
    const file = path.join(data.dir, 'vendor-spy-1m.csv');
    const bars = await writeVendorCsv(file, megabytes);
    const { size } = await stat(file);
    console.log(
      `file: ${(size / 1e6).toFixed(1)} MB, ${bars.toLocaleString('en-US')} one-minute bars`,
    );
    const results: ImportRun[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(await run(file, size, bars, probeMs));
      const r = results.at(-1)!;
      console.log(
        `run ${i + 1}: import ${(r.workMs / 1000).toFixed(1)} s, health p99 ${r.busy.p99} ms (idle ${r.idle.p99}), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
    printTable(
      [
        'run',
        'import s',
        'probes',
        'health p50',
        'health p99',
        'health max',
        'idle p50',
        'idle p99',
        'RSS before MB',
        'peak RSS MB',
      ],
      results.map((r, i) => [
        i + 1,
        r.workMs / 1000,
        r.busy.count,
        r.busy.p50,
        r.busy.p99,
        r.busy.max,
        r.idle.p50,
        r.idle.p99,
        Math.round(r.rssBeforeMb),
        Math.round(r.peakRssMb),
      ]),
    );
    const summary = {
      bench: 'import-responsiveness',
      file_mb: Math.round(size / 1e6),
      bars,
      runs,
      import_s: median(results.map((r) => r.workMs / 1000)),
      health_p50_ms: median(results.map((r) => r.busy.p50)),
      health_p99_ms: median(results.map((r) => r.busy.p99)),
      idle_p50_ms: median(results.map((r) => r.idle.p50)),
      idle_p99_ms: median(results.map((r) => r.idle.p99)),
      peak_rss_mb: Math.round(median(results.map((r) => r.peakRssMb))),
      rss_before_mb: Math.round(median(results.map((r) => r.rssBeforeMb))),
    };
    const met =
      summary.health_p99_ms <= HEALTH_P99_TARGET_MS && summary.peak_rss_mb <= RSS_TARGET_MB;
    console.log(
      `\nmedians: health p99 ${summary.health_p99_ms} ms during the import (idle ${summary.idle_p99_ms} ms; target ≤ ${HEALTH_P99_TARGET_MS}), ` +
        `peak RSS ${summary.peak_rss_mb} MB (target ≤ ${RSS_TARGET_MB}): ${met ? 'targets met' : 'TARGET MISSED'}`,
    );
    printSummary({ ...summary, targets_met: met });
    if (!met) process.exitCode = 1;
  } finally {
    closeProbes();
    data.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
