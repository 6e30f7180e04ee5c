import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { OpsApi } from '../../support/ops-api';
import { ServicePool } from '../../support/service-pool';
import { ROOT, type RunningService } from '../../support/spawn-service';

/** Debian's chromium (`.ci/run` installs it); nothing downloads a browser build. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own sessionStorage) and page on `baseUrl`; collects page errors. */
  newPage(baseUrl: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** One headless chromium per test file (Playwright gives it a fresh temporary profile). */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return {
    browser,
    async newPage(baseUrl) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async close() {
      await browser.close();
    },
  };
}

/** `test-results/screenshots/<name>/`: where a test file writes its screenshots. */
export function screenshotDir(name: string): string {
  const dir = path.join(ROOT, 'test-results', 'screenshots', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes a full-page screenshot `<dir>/<file>.png`. */
export async function screenshot(page: Page, dir: string, file: string): Promise<void> {
  await page.screenshot({ path: path.join(dir, `${file}.png`), fullPage: true });
}

/**
 * Resolves once the `aria-valuenow` of the progress bar under `scope` (a CSS selector) exceeds
 * `above`; answers the value. Runs in the page on each animation frame (no sleeps).
 */
export async function waitForBarAbove(page: Page, scope: string, above: number): Promise<number> {
  const read = `Number(document.querySelector(${JSON.stringify(`${scope} [role="progressbar"]`)})?.getAttribute('aria-valuenow'))`;
  const handle = await page.waitForFunction(`${read} > ${above} ? ${read} : 0`);
  return Number(await handle.jsonValue());
}

/** A TCP port free right now on 127.0.0.1 (for an API that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** What a dashboard test file works with; set by {@link useDashboardPage}'s `beforeAll`. */
export interface DashboardUnderTest {
  api: RunningService;
  ops: OpsApi;
  page: Page;
}

/**
 * One API process (`start` picks its data folders and environment), one headless Chromium and
 * one page on it for the whole test file, closed and cleaned up after it; each test must leave
 * no page error behind. Call it inside the `describe`, before hooks that read what it sets.
 */
export function useDashboardPage(
  start: (pool: ServicePool) => Promise<RunningService>,
): DashboardUnderTest {
  const pool = new ServicePool();
  const under = {} as DashboardUnderTest;
  let browser: TestBrowser | undefined;
  let errors: string[] = [];
  beforeAll(async () => {
    under.api = await start(pool);
    under.ops = new OpsApi(under.api.url);
    browser = await launchBrowser();
    ({ page: under.page, errors } = await browser.newPage(under.api.url));
  });
  afterAll(async () => {
    await browser?.close();
    await pool.cleanup();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });
  return under;
}
