/**
 * Benchmark: 50 operations updating at 10 Hz on the Operations page keep every main-thread task
 * under 50 ms (dashboard.md, "Quality bar"; Performance API long tasks). Baseline, in the same
 * run: the same page showing 50 finished operations (nothing updating).
 *
 *   npm run bench:dashboard-live [-- --rounds 5 --window-ms 5000 --ops 50]
 *
 * Builds dist/ and the page first, starts the real API (from ts, serving dist/web) on a fresh
 * SQLite file, and one headless chromium. Baseline: `--ops` dummies of one step run to the end,
 * then the page is watched for a window. Live: `--ops` dummies of 100 ms steps (10 progress
 * updates per second each), the page shows all of them (one page of the list), and each round
 * watches a window: long tasks (PerformanceObserver `longtask`: tasks > 50 ms) and how many
 * progress-bar values the page applied to the DOM.
 */
import { launchBrowser } from '../browser/support/browser';
import { intArg, median, printSummary, printTable, round } from './support/bench-stats';
import { startDummy, withBenchApi } from './support/bench-api.process';
import {
  buildDashboard,
  instrumentPage,
  readRecord,
  resetRecord,
  type PageRecord,
} from './support/dashboard-bench';
import { expectJson } from './support/json-http';

const LONG_TASK_MS = 50;
const STEP_MS = 100;

interface Window {
  longTasks: number;
  maxTaskMs: number;
  barUpdatesPerS: number;
}

function summarizeWindow(record: PageRecord, windowMs: number): Window {
  return {
    longTasks: record.longTasks.length,
    maxTaskMs: round(Math.max(0, ...record.longTasks.map((t) => t.duration))),
    barUpdatesPerS: round((record.barUpdates * 1000) / windowMs),
  };
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 5);
  const windowMs = intArg('window-ms', 5000);
  const count = intArg('ops', 50);
  buildDashboard();
  const browser = await launchBrowser();
  try {
    await withBenchApi('dashboard-live', async (api) => {
      const { page } = await browser.newPage(api.url);
      await instrumentPage(page);
      const watch = async (): Promise<Window> => {
        await resetRecord(page);
        await page.waitForTimeout(windowMs); // the measured window
        return summarizeWindow(await readRecord(page), windowMs);
      };

      // Baseline: the same page with `count` finished operations.
      const quick = await Promise.all(
        Array.from({ length: count }, () => startDummy(api, { steps: 1, step_ms: 1 })),
      );
      for (const op of quick) {
        for (;;) {
          const { body } = await expectJson<{ status: string }>(200, 'GET', op.url);
          if (body.status === 'completed') break;
        }
      }
      await page.goto('/');
      await page
        .locator('tr[data-operation-id][data-status="completed"]')
        .nth(count - 1)
        .waitFor();
      const baseline: Window[] = [];
      for (let r = 0; r < rounds; r++) baseline.push(await watch());

      // Live: `count` operations reporting every STEP_MS, long enough for every window.
      const steps = Math.ceil(((rounds + 2) * windowMs) / STEP_MS) + 50;
      await Promise.all(
        Array.from({ length: count }, () => startDummy(api, { steps, step_ms: STEP_MS })),
      );
      await page
        .locator('tr[data-operation-id][data-status="running"]')
        .nth(count - 1)
        .waitFor();
      const live: Window[] = [];
      for (let r = 0; r < rounds; r++) live.push(await watch());

      const rows = live.map((w, i) => [
        i + 1,
        w.longTasks,
        w.maxTaskMs,
        w.barUpdatesPerS,
        baseline[i]!.longTasks,
        baseline[i]!.maxTaskMs,
      ]);
      console.log(
        `\nOperations page, ${count} operations at ${1000 / STEP_MS} Hz, ${rounds} windows of ${windowMs} ms\n`,
      );
      printTable(
        [
          'window',
          'long tasks',
          'max task (ms)',
          'bar updates/s',
          'idle long tasks',
          'idle max (ms)',
        ],
        rows,
      );
      const totalLive = live.reduce((n, w) => n + w.longTasks, 0);
      const totalIdle = baseline.reduce((n, w) => n + w.longTasks, 0);
      const maxLive = Math.max(...live.map((w) => w.maxTaskMs));
      const updates = median(live.map((w) => w.barUpdatesPerS));
      const pass = totalLive === 0;
      console.log(
        `\ntarget: no task > ${LONG_TASK_MS} ms → ${totalLive} long tasks in ${rounds} windows ` +
          `(max ${maxLive} ms) ${pass ? 'PASS' : 'MISS'}; idle baseline: ${totalIdle} long tasks; ` +
          `median ${updates} bar updates/s applied (${count * (1000 / STEP_MS)} reported/s)`,
      );
      printSummary({
        bench: 'dashboard-live',
        rounds,
        window_ms: windowMs,
        operations: count,
        hz: 1000 / STEP_MS,
        live: { long_tasks: totalLive, max_task_ms: maxLive, median_bar_updates_per_s: updates },
        idle: { long_tasks: totalIdle },
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
