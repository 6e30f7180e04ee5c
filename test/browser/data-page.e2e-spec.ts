import type { Page } from 'playwright-core';
import type { OpsApi } from '../support/ops-api';
import { seriousViolations } from './support/axe';
import { screenshot, screenshotDir, useDashboardPage } from './support/browser';

// The Data page in a real Chromium against a real API process from dist/ (synthetic provider):
// loads started from the page, candles drawn from the cache, older bars read as the user
// scrolls. Screenshots: test-results/screenshots/data-page/.

const SHOTS = screenshotDir('data-page');

/** In-page condition (the test's tsconfig has no DOM types): the chart drew `n` candles. */
const barsDrawn = (n: number): string =>
  `document.querySelector('.candle-chart')?.getAttribute('data-bars') === '${n}'`;

describe('dashboard: Data page (browser)', () => {
  const under = useDashboardPage((pool) => pool.startApi(pool.dataDir('ktrdr-web-data-')));
  let ops: OpsApi;
  let page: Page;
  beforeAll(() => ({ ops, page } = under));

  /** The candle series' length as drawn (set by the chart from its own series). */
  const drawnBars = async (): Promise<number> =>
    Number(await page.locator('.candle-chart').getAttribute('data-bars'));

  /**
   * Fills the load form and starts the load; resolves when the page has opened the loaded
   * series (it does once it saw the load complete over the socket).
   */
  async function loadFromPage(symbol: string, start: string, end: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Start a data load' });
    await form.getByLabel('Symbol').fill(symbol);
    await form.getByLabel('Timeframe').selectOption('1h');
    await form.getByLabel('Mode').selectOption('full');
    await form.getByLabel('Start').fill(start);
    await form.getByLabel('End').fill(end);
    await form.getByRole('button', { name: 'Start load' }).click();
    await page.waitForURL(`**/data/${symbol}/1h`, { timeout: 60_000 });
  }

  it('has no serious or critical axe violations, empty and with a chart', async () => {
    await page.goto('/data');
    await page.getByText('Nothing is cached yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'empty');
  });

  it('starts a load from the page; the chart draws every bar the API has', async () => {
    await page.goto('/data');
    await loadFromPage('MSFT', '2024-01-01', '2024-06-30');
    await page.locator('.candle-chart[data-bars]').waitFor();
    const loads = await ops.request<{ items: { status: string; metadata: { symbol: string } }[] }>(
      'GET',
      '/operations?operation_type=data_load',
    );
    expect(loads.body.items).toEqual([
      expect.objectContaining({
        status: 'completed',
        metadata: expect.objectContaining({ symbol: 'MSFT' }),
      }),
    ]);
    const range = await ops.request<{ count: number }>('GET', '/data/MSFT/1h/range');
    expect(range.body.count).toBeGreaterThan(500);
    expect(range.body.count).toBeLessThan(2000);
    await page.waitForFunction(barsDrawn(range.body.count));
    expect(await drawnBars()).toBe(range.body.count);
    await page.getByRole('link', { name: 'MSFT 1h' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'msft-1h');
  });

  it('a long series shows its newest page first and reads older bars as the user scrolls left', async () => {
    await page.goto('/data');
    await loadFromPage('EUR.USD', '2023-01-01', '2024-06-30');
    const range = await ops.request<{ count: number }>('GET', '/data/EUR.USD/1h/range');
    expect(range.body.count).toBeGreaterThan(6000);
    await page.waitForFunction(barsDrawn(2000));
    const box = (await page.locator('.candle-chart').boundingBox())!;
    // Drag the time scale to the right (into the past) until the chart has read every page.
    for (let drags = 0; (await drawnBars()) < range.body.count; drags++) {
      expect(drags).toBeLessThan(200);
      await page.mouse.move(box.x + 60, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 60, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    expect(await drawnBars()).toBe(range.body.count);
    await screenshot(page, SHOTS, 'eurusd-scrolled');
  });
});
