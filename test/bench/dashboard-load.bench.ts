/**
 * Benchmark: the Operations page with 1,000 stored operations is interactive in < 1 s
 * (dashboard.md, "Quality bar"). Baseline, in the same run: the same page with 50 stored (one
 * page of the list).
 *
 *   npm run bench:dashboard-load [-- --rounds 7 --large 1000 --small 50]
 *
 * Builds dist/ and the page first. Each database is a fresh SQLite file seeded in bulk (as
 * bench:list does); each API serves the built page. Each round opens `/` in a fresh browser
 * context (cold cache) of one headless chromium, alternating large / small, and records from the
 * navigation start: when the first operation row is in the DOM, and the end of the last long
 * task (> 50 ms, PerformanceObserver) up to 1 s after that. "Interactive" = the later of the two.
 */
import path from 'node:path';
import { launchBrowser } from '../browser/support/browser';
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import { startBenchApi, type BenchApi } from './support/bench-api.process';
import { benchTempDir } from './support/bench-processes';
import { buildDashboard, instrumentPage, readRecord } from './support/dashboard-bench';
import { closeHttpAgent, expectJson } from './support/json-http';
import { seedOperations } from './support/operations-seed';

const TARGET_MS = 1000;

async function prepare(name: string, size: number, dir: string): Promise<BenchApi> {
  const file = path.join(dir, `${name}.sqlite`);
  const migrate = await startBenchApi(dir, file);
  await migrate.stop();
  seedOperations(file, size);
  const api = await startBenchApi(dir, file);
  const { body } = await expectJson<{ total: number }>(200, 'GET', `${api.api}/operations?limit=1`);
  if (body.total !== size) throw new Error(`${name}: API sees ${body.total}, seeded ${size}`);
  return api;
}

interface Sample {
  firstRowMs: number;
  interactiveMs: number;
  longTasks: number;
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 7);
  const sizes = { large: intArg('large', 1000), small: intArg('small', 50) };
  buildDashboard();
  const tmp = benchTempDir('dashboard-load');
  const browser = await launchBrowser();
  const apis: BenchApi[] = [];
  try {
    const large = await prepare('large', sizes.large, tmp.dir);
    apis.push(large);
    const small = await prepare('small', sizes.small, tmp.dir);
    apis.push(small);
    const measure = async (api: BenchApi): Promise<Sample> => {
      const { context, page } = await browser.newPage(api.url);
      try {
        await instrumentPage(page);
        await page.goto('/');
        await page.locator('tr[data-operation-id]').first().waitFor();
        await page.waitForTimeout(1000); // long tasks after the first row still count
        const record = await readRecord(page);
        const firstRow = record.firstRowAt ?? Number.NaN;
        const lastTaskEnd = Math.max(
          0,
          ...record.longTasks
            .filter((t) => t.start <= firstRow + 1000)
            .map((t) => t.start + t.duration),
        );
        return {
          firstRowMs: round(firstRow),
          interactiveMs: round(Math.max(firstRow, lastTaskEnd)),
          longTasks: record.longTasks.length,
        };
      } finally {
        await context.close();
      }
    };
    await measure(large); // warm-up: server caches, chromium start
    await measure(small);
    const samples = { large: [] as Sample[], small: [] as Sample[] };
    const rows: (string | number)[][] = [];
    for (let r = 1; r <= rounds; r++) {
      const order = r % 2 === 1 ? (['large', 'small'] as const) : (['small', 'large'] as const);
      for (const which of order)
        samples[which].push(await measure(which === 'large' ? large : small));
      const l = samples.large.at(-1)!;
      const s = samples.small.at(-1)!;
      rows.push([r, l.firstRowMs, l.interactiveMs, l.longTasks, s.firstRowMs, s.interactiveMs]);
    }
    console.log(`\nOperations page, cold load, ${rounds} rounds\n`);
    printTable(
      [
        'round',
        `${sizes.large} first row`,
        `${sizes.large} interactive`,
        'long tasks',
        `${sizes.small} first row`,
        `${sizes.small} interactive`,
      ],
      rows,
    );
    const med = (list: Sample[], key: keyof Sample) => round(median(list.map((s) => s[key])));
    const largeMs = med(samples.large, 'interactiveMs');
    const smallMs = med(samples.small, 'interactiveMs');
    const ratio = round(largeMs / smallMs);
    const pass = largeMs < TARGET_MS;
    console.log(
      `\ntarget: interactive < ${TARGET_MS} ms with ${sizes.large} stored → median ${largeMs} ms ` +
        `${pass ? 'PASS' : 'MISS'} (max ${Math.max(...samples.large.map((s) => s.interactiveMs))} ms); ` +
        `baseline ${sizes.small} stored: ${smallMs} ms; ratio ${ratio}×`,
    );
    printSummary({
      bench: 'dashboard-load',
      rounds,
      stored: sizes,
      median_ms: {
        large: { first_row: med(samples.large, 'firstRowMs'), interactive: largeMs },
        small: { first_row: med(samples.small, 'firstRowMs'), interactive: smallMs },
      },
      ratio,
      target_ms: TARGET_MS,
      pass,
    });
  } finally {
    await browser.close();
    closeHttpAgent();
    await Promise.all(apis.map((api) => api.stop()));
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
