import type { Page } from 'playwright-core';
import { OpsApi } from '../support/ops-api';
import { ServicePool } from '../support/service-pool';
import type { RunningService } from '../support/spawn-service';
import { seriousViolations } from './support/axe';
import {
  launchBrowser,
  screenshot,
  screenshotDir,
  waitForBarAbove,
  type TestBrowser,
} from './support/browser';

// An API with API_KEY: the page asks for the key, says so when it is wrong, and with the right
// one works over REST and socket.io. Screenshots: test-results/screenshots/api-key/.

const SHOTS = screenshotDir('api-key');
const KEY = 'dashboard-e2e-key-0123456789';

describe('dashboard: API key (browser)', () => {
  const pool = new ServicePool();
  let api: RunningService;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    api = await pool.startApi(pool.dataDir('ktrdr-web-key-'), { API_KEY: KEY });
    browser = await launchBrowser();
    ({ page } = await browser.newPage(api.url));
  });

  afterAll(async () => {
    await browser?.close();
    await pool.cleanup();
  });

  it('asks for the key, says a wrong one is wrong, and works with the right one', async () => {
    await page.goto('/');
    const prompt = page.getByRole('form', { name: 'API key required' });
    await prompt.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'asks');

    await page.getByLabel('API key', { exact: true }).fill('not-the-key-at-all');
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('alert').filter({ hasText: 'refused that key' }).waitFor();
    await screenshot(page, SHOTS, 'wrong');

    await page.getByLabel('API key', { exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Use key' }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.getByText(/\d+ operations, \d+ active/).waitFor();

    // socket.io carries the key too: once the page is live, an operation started elsewhere shows
    // up and moves. (Started before the socket has subscribed, it could be missed until a reload.)
    await page.locator('[data-connection="connected"]').waitFor({ state: 'attached' });
    const id = await new OpsApi(api.url, { 'x-api-key': KEY }).startDummy({
      steps: 400,
      step_ms: 25,
    });
    await page.locator(`tr[data-operation-id="${id}"]`).waitFor();
    await waitForBarAbove(page, `tr[data-operation-id="${id}"]`, 0);
    await screenshot(page, SHOTS, 'accepted');

    // Kept for the tab only: sessionStorage, not localStorage; a reload keeps it.
    expect(await page.evaluate("sessionStorage.getItem('ktrdr.apiKey')")).toBe(KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await page.reload();
    await page.locator(`tr[data-operation-id="${id}"]`).waitFor();
    expect(await prompt.count()).toBe(0);
  });

  it('a new tab (fresh session) asks again', async () => {
    const fresh = await browser.newPage(api.url);
    await fresh.page.goto('/system');
    await fresh.page.getByRole('form', { name: 'API key required' }).waitFor();
    await fresh.context.close();
  });
});
