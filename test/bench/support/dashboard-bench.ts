import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './bench-processes';

/**
 * Builds dist/ and dist/web (`scripts/build.mjs`): the bench API runs from ts, and serves the
 * last build of the page (src/dashboard finds dist/web).
 */
export function buildDashboard(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** What the page recorded (see {@link instrumentPage}). */
export interface PageRecord {
  longTasks: { start: number; duration: number }[];
  /** performance.now() when the first operation row was in the DOM. */
  firstRowAt: number | null;
  /** Progress bar value changes applied to the DOM. */
  barUpdates: number;
}

// Runs in the page before its own scripts (a string: the bench's tsconfig has no DOM types).
const INSTRUMENT = `
  window.__bench = { longTasks: [], firstRowAt: null, barUpdates: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) if (r.type === 'attributes' && r.attributeName === 'aria-valuenow') window.__bench.barUpdates++;
    if (window.__bench.firstRowAt === null && document.querySelector('tr[data-operation-id]')) {
      window.__bench.firstRowAt = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
`;

/** Long tasks (PerformanceObserver `longtask`), first row time, bar updates: from page start. */
export async function instrumentPage(page: Page): Promise<void> {
  await page.addInitScript(INSTRUMENT);
}

export async function readRecord(page: Page): Promise<PageRecord> {
  return page.evaluate<PageRecord>('window.__bench');
}

/** Clears the long tasks and bar updates recorded so far (start of a measured window). */
export async function resetRecord(page: Page): Promise<void> {
  await page.evaluate('window.__bench.longTasks = []; window.__bench.barUpdates = 0;');
}
