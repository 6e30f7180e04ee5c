import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { OpsApi } from '../support/ops-api';
import { ROOT } from '../support/spawn-service';
import { seriousViolations } from './support/axe';
import { screenshot, screenshotDir, useDashboardPage } from './support/browser';

// The Strategies and Models pages in a real Chromium against a real API process from dist/:
// train a small model from the page and watch its loss curve grow, open the version it
// published, predict and see the signals on the candles.
// Screenshots: test-results/screenshots/models-page/.

const SHOTS = screenshotDir('models-page');
const STRATEGY = 'rsi_watch';
/** In-page expression (the test's tsconfig has no DOM types): points of the live loss curve. */
const CURVE_POINTS =
  "(document.querySelector('.training-curve .chart')?.__uplot?.data[0]?.length ?? 0)";

/** The repo's rsi_mlp example with more epochs over 18 months: trains for several seconds. */
function writeStrategy(dir: string): void {
  const yaml = readFileSync(path.join(ROOT, 'strategies/rsi_mlp.yaml'), 'utf8')
    .replace(/^name: rsi_mlp$/m, `name: ${STRATEGY}`)
    .replace("start_date: '2024-01-01'", "start_date: '2023-07-01'")
    .replace('epochs: 10,', 'epochs: 20,');
  writeFileSync(path.join(dir, `${STRATEGY}.yaml`), yaml);
  writeFileSync(
    path.join(dir, 'broken.yaml'),
    'name: broken\nindicators:\n  - { name: r, type: nope }\n',
  );
}

describe('dashboard: Strategies and Models pages (browser)', () => {
  const under = useDashboardPage((pool) => {
    const dataDir = pool.dataDir('ktrdr-web-models-');
    const strategies = pool.dataDir('ktrdr-web-strategies-');
    writeStrategy(strategies);
    return pool.startApi(dataDir, {
      MODELS_DIR: path.join(dataDir, 'models'),
      STRATEGIES_DIR: strategies,
      TFJS_BACKEND: 'wasm',
    });
  });
  let ops: OpsApi;
  let page: Page;
  let version = '';
  beforeAll(() => ({ ops, page } = under));

  /** Points of the live loss curve (uPlot's x column), 0 before the chart exists. */
  const curvePoints = async (): Promise<number> => Number(await page.evaluate(CURVE_POINTS));

  it('lists the strategy files with their problems; no serious axe violations', async () => {
    await page.goto('/strategies');
    await page.locator(`tr[data-strategy="${STRATEGY}"]`).waitFor();
    await expect(page.locator('tr[data-strategy="broken"]').textContent()).resolves.toContain(
      'indicators[0].type',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'strategies');
  });

  it('trains from the page: the loss curve grows epoch by epoch, then the version is published', async () => {
    await page.goto('/strategies');
    await page.getByRole('button', { name: `Train ${STRATEGY}…` }).click();
    await page.waitForURL(`**/strategies?train=${STRATEGY}`);
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(`${CURVE_POINTS} > 0`);
    const first = await curvePoints();
    await page.waitForFunction(`${CURVE_POINTS} > ${first}`, undefined, { timeout: 120_000 });
    const second = await curvePoints();
    expect(second).toBeGreaterThan(first);
    await screenshot(page, SHOTS, 'training');
    expect(await seriousViolations(page)).toEqual([]);
    const published = page.getByRole('status').filter({ hasText: 'Published' }).getByRole('link');
    await published.waitFor({ timeout: 180_000 });
    version = ((await published.textContent()) ?? '').replace(`${STRATEGY} `, '');
    expect(version).toMatch(/^AAPL_1h_v1$/);
    // Every epoch ends on the curve (the page reads the series once more at the end).
    await page.waitForFunction(`${CURVE_POINTS} === 20`);
    await published.click();
    await page.waitForURL(`**/models/${STRATEGY}/${version}`);
  }, 240_000);

  it('shows the version: metrics, confusion matrix, curves; predicts and draws the signals', async () => {
    // The shareable URL names the version by its number.
    await page.goto(`/models/${STRATEGY}/1`);
    await page.locator(`article[data-version="${version}"]`).waitFor();
    const model = await ops.request<{
      test_metrics: { confusion_matrix: number[][] };
      training_history: unknown[];
    }>('GET', `/models/${STRATEGY}/${version}`);
    const cells = await page.locator('table.confusion tbody td').allTextContents();
    expect(cells.map((text) => Number(text.split(' ')[0]!.replace(/,/g, '')))).toEqual(
      model.body.test_metrics.confusion_matrix.flat(),
    );
    await expect(page.locator('.curves').getAttribute('data-epochs')).resolves.toBe(
      String(model.body.training_history.length),
    );

    const form = page.getByRole('form', { name: 'Predict with this version' });
    await form.getByLabel('Start').fill('2024-10-01');
    await form.getByLabel('End').fill('2024-12-31');
    await form.getByRole('button', { name: 'Predict' }).click();
    const summary = page.locator('[data-signals]');
    await summary.waitFor();
    const signals = Number(await summary.getAttribute('data-signals'));
    const predicted = await ops.request<{ signal: string[] }>(
      'POST',
      `/models/${STRATEGY}/${version}/predict`,
      { symbol: 'AAPL', timeframe: '1h', start: '2024-10-01', end: '2024-12-31' },
    );
    const expected = predicted.body.signal.filter((s) => s !== 'HOLD').length;
    expect(signals).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    // The markers and the candles are drawn as their answers arrive, in either order.
    await page.waitForFunction(
      `document.querySelector('.candle-chart')?.getAttribute('data-markers') === '${expected}' &&
       Number(document.querySelector('.candle-chart')?.getAttribute('data-bars')) > 0`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'model-predicted');
  });
});
