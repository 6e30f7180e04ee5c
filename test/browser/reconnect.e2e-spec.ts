import type { Page } from 'playwright-core';
import { OpsApi } from '../support/ops-api';
import { ServicePool } from '../support/service-pool';
import type { RunningService } from '../support/spawn-service';
import {
  freePort,
  launchBrowser,
  screenshot,
  screenshotDir,
  waitForBarAbove,
  type TestBrowser,
} from './support/browser';

// The API restarts while the page is open: the page says the connection is lost, comes back by
// itself, and the list is right again without a reload. Screenshots: test-results/screenshots/reconnect/.

const SHOTS = screenshotDir('reconnect');

describe('dashboard: reconnect (browser)', () => {
  const pool = new ServicePool();
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await pool.cleanup();
  });

  it('an API killed and restarted: lost, back, the orphaned operation failed and new ones live, no reload', async () => {
    const dataDir = pool.dataDir('ktrdr-web-reconnect-');
    const port = String(await freePort());
    const first = await pool.startApi(dataDir, { PORT: port });
    const running = await new OpsApi(first.url).startDummy({ steps: 10000, step_ms: 20 });
    ({ page } = await browser.newPage(first.url));
    await page.goto('/');
    const scope = `tr[data-operation-id="${running}"]`;
    await waitForBarAbove(page, scope, 0);
    await page.evaluate('window.marker = 7');

    // SIGKILL: no shutdown hook, so the record stays `running` until the next process sweeps it.
    await first.stop('SIGKILL');
    await page.locator('[data-connection="lost"]').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'lost' }).textContent()).toContain(
      'Connection to the API lost',
    );
    await screenshot(page, SHOTS, 'lost');

    const second: RunningService = await pool.startApi(dataDir, { PORT: port });
    expect(second.url).toBe(first.url);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 15000 });
    await page.getByText('Reconnected').waitFor();
    await page.locator(`${scope}[data-status="failed"]`).waitFor();
    expect(await page.locator(scope).textContent()).toContain('failed');

    // The feed is joined again: an operation created now appears and runs live.
    const next = await new OpsApi(second.url).startDummy({ steps: 400, step_ms: 25 });
    await page.locator(`tr[data-operation-id="${next}"]`).waitFor();
    await waitForBarAbove(page, `tr[data-operation-id="${next}"]`, 0);
    expect(await page.evaluate('window.marker')).toBe(7);
    await screenshot(page, SHOTS, 'back');
  });

  it('the Operation page resumes a followed operation after a restart', async () => {
    const dataDir = pool.dataDir('ktrdr-web-reconnect-op-');
    const port = String(await freePort());
    const first = await pool.startApi(dataDir, { PORT: port });
    const id = await new OpsApi(first.url).startDummy({ steps: 10000, step_ms: 20 });
    ({ page } = await browser.newPage(first.url));
    await page.goto(`/operations/${id}`);
    await waitForBarAbove(page, 'main', 0);
    await first.stop('SIGKILL');
    await page.locator('[data-connection="lost"]').waitFor();
    await pool.startApi(dataDir, { PORT: port });
    await page.locator('.badge[data-status="failed"]').waitFor({ timeout: 15000 });
    expect(await page.getByTestId('operation-error').textContent()).toContain('ORPHANED');
  });
});
