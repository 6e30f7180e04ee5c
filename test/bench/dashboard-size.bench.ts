/**
 * Benchmark: the first load of the dashboard ships < 300 KB of compressed JavaScript
 * (dashboard.md, "Quality bar"). Measured in a real browser: every script the page fetches when
 * `/` is opened (the shell, the landing page), gzipped (level 9, what a server would send), and
 * for comparison the scripts each other page adds when opened afterwards (the chart libraries
 * stay out of the first load). Baseline, in the same run: the two libraries the shell cannot do
 * without (preact, socket.io-client), their published minified builds gzipped the same way.
 *
 *   npm run bench:dashboard-size
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../browser/support/browser';
import { printSummary, printTable, round } from './support/bench-stats';
import { startDummy, withBenchApi } from './support/bench-api.process';
import { ROOT } from './support/bench-processes';
import { buildDashboard } from './support/dashboard-bench';

const BUDGET_KB = 300;

const gzipKb = (bytes: Buffer) => round(gzipSync(bytes, { level: 9 }).length / 1024);

/** Records the scripts the page fetches; the function returned takes those seen so far. */
function scriptsFetched(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.js')) seen.push(url.pathname);
  });
  return () => seen.splice(0);
}

const fileOf = (urlPath: string) => path.join(ROOT, 'dist', 'web', urlPath);

async function main(): Promise<void> {
  buildDashboard();
  const browser = await launchBrowser();
  try {
    await withBenchApi('dashboard-size', async (api) => {
      const { id } = await startDummy(api, { steps: 5, step_ms: 10 });
      const { page } = await browser.newPage(api.url);
      const take = scriptsFetched(page);
      await page.goto('/');
      await page.locator('tr[data-operation-id]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const first = take();
      const later: Record<string, string[]> = {};
      for (const [name, link] of [
        ['Operation', `/operations/${id}`],
        ['System', '/system'],
        ['Data', '/data'],
        ['Strategies', '/strategies'],
        ['Models', '/models'],
      ] as const) {
        await page.evaluate(
          `history.pushState(null, '', '${link}'); dispatchEvent(new PopStateEvent('popstate'))`,
        );
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        later[name] = take();
      }

      const rows: (string | number)[][] = [];
      let firstKb = 0;
      let firstRawKb = 0;
      for (const script of first) {
        const bytes = readFileSync(fileOf(script));
        const kb = gzipKb(bytes);
        firstKb += kb;
        firstRawKb += bytes.length / 1024;
        rows.push(['first load', script, round(bytes.length / 1024), kb]);
      }
      const laterKb: Record<string, number> = {};
      for (const [name, scripts] of Object.entries(later)) {
        laterKb[name] = 0;
        for (const script of scripts) {
          const bytes = readFileSync(fileOf(script));
          laterKb[name] += gzipKb(bytes);
          rows.push([`+ ${name} page`, script, round(bytes.length / 1024), gzipKb(bytes)]);
        }
      }
      const baseline = ['preact/dist/preact.min.js', 'socket.io-client/dist/socket.io.min.js']
        .map((file) => gzipKb(readFileSync(path.join(ROOT, 'node_modules', file))))
        .reduce((a, b) => a + b, 0);
      console.log('\nJavaScript fetched by the page\n');
      printTable(['when', 'script', 'raw (KB)', 'gzip (KB)'], rows);
      firstKb = round(firstKb);
      const pass = firstKb < BUDGET_KB;
      console.log(
        `\ntarget: first load < ${BUDGET_KB} KB gzip → ${firstKb} KB (${round(firstRawKb)} KB raw) ` +
          `${pass ? 'PASS' : 'MISS'}; baseline preact + socket.io-client alone: ${round(baseline)} KB ` +
          `(ratio ${round(firstKb / baseline)}×); later pages add ${Object.entries(laterKb)
            .map(([n, kb]) => `${n} ${round(kb)} KB`)
            .join(', ')}`,
      );
      printSummary({
        bench: 'dashboard-size',
        first_load_gzip_kb: firstKb,
        first_load_raw_kb: round(firstRawKb),
        later_pages_gzip_kb: Object.fromEntries(
          Object.entries(laterKb).map(([n, kb]) => [n, round(kb)]),
        ),
        baseline_libraries_gzip_kb: round(baseline),
        budget_kb: BUDGET_KB,
        pass,
      });
    });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
