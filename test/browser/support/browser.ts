import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../support/spawn-service';

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
