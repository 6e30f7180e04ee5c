import type { Page } from 'playwright-core';
import { ktrdr } from '../support/cli-process';
import type { OpsApi } from '../support/ops-api';
import type { RunningService } from '../support/spawn-service';
import { seriousViolations } from './support/axe';
import { screenshot, screenshotDir, useDashboardPage, waitForBarAbove } from './support/browser';

// The dashboard in a real Chromium against a real API process from dist/: the Operations,
// Operation and System pages, live through socket.io. Screenshots: test-results/screenshots/operations/.

const SHOTS = screenshotDir('operations');

describe('dashboard: operations (browser)', () => {
  const under = useDashboardPage((pool) => pool.startApi(pool.dataDir('ktrdr-web-ops-')));
  let api: RunningService;
  let ops: OpsApi;
  let page: Page;
  beforeAll(() => ({ api, ops, page } = under));

  const row = (id: string) => page.locator(`tr[data-operation-id="${id}"]`);

  it('starts a dummy operation from the page; its bar moves; cancel from the page ends it cancelled within 1 s', async () => {
    await page.goto('/');
    await page.getByLabel('Steps').fill('400');
    await page.getByLabel('Step duration (ms)').fill('50');
    await page.getByRole('button', { name: 'Start dummy operation' }).click();
    const started = page.getByRole('status').filter({ hasText: 'Started' }).getByRole('link');
    const id = (await started.textContent())!;
    expect(id).toMatch(/^op_dummy_/);

    await row(id).locator('[data-status="running"]').waitFor();
    const scope = `tr[data-operation-id="${id}"]`;
    const first = await waitForBarAbove(page, scope, 0);
    const second = await waitForBarAbove(page, scope, first);
    expect(second).toBeGreaterThan(first);
    await screenshot(page, SHOTS, 'running');

    await row(id)
      .getByRole('button', { name: `Cancel ${id}` })
      .click();
    await row(id).getByLabel('Reason').fill('seen enough');
    const clicked = Date.now();
    await row(id).getByRole('button', { name: 'Confirm cancel' }).click();
    await page.locator(`tr[data-operation-id="${id}"][data-status="cancelled"]`).waitFor({
      timeout: 1000,
    });
    expect(Date.now() - clicked).toBeLessThan(1000);
    expect(await ops.get(id)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'seen enough' },
    });
    await screenshot(page, SHOTS, 'cancelled');
  });

  it('shows an operation started by the CLI without a reload', async () => {
    await page.goto('/');
    await page.locator('tr[data-operation-id]').first().waitFor();
    await page.evaluate('window.marker = 42');
    const cli = ktrdr(api.url, ['dummy', '--steps', '40', '--step-ms', '25']);
    const id = (await cli.waitForStderr(/Started (op_\w+)/))[1]!;
    await row(id).waitFor({ timeout: 5000 });
    await page.locator(`tr[data-operation-id="${id}"][data-status="completed"]`).waitFor();
    expect(await cli.exited).toBe(0);
    // Same document all along: no reload happened.
    expect(await page.evaluate('window.marker')).toBe(42);
  });

  it('filters by status and type, kept in a shareable URL', async () => {
    const failing = await ops.startDummy({ steps: 3, step_ms: 10, fail_at_step: 2 });
    await ops.followToEnd(failing);
    await page.goto('/');
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    // The unfiltered rows are on the page until the filtered page arrives: wait for the table to
    // hold only failed ones (a filter that did nothing never gets there), then read it at once.
    const statusesShown =
      "[...document.querySelectorAll('tr[data-operation-id]')].map((r) => r.dataset.status)";
    await page.waitForFunction(
      `(${statusesShown}).length > 0 && (${statusesShown}).every((s) => s === 'failed')`,
    );
    await row(failing).waitFor();
    const statuses = await page.evaluate<string[]>(statusesShown);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['failed']));

    await page.goto('/?type=data_load');
    await page.getByText('No operations match these filters').waitFor();
    expect(await page.getByLabel('Type').inputValue()).toBe('data_load');
  });

  it('the Operation page: shared URL, live bar and step, timeline, error with its code, cancel', async () => {
    const failed = await ops.startDummy({ steps: 3, step_ms: 10, fail_at_step: 2 });
    await ops.followToEnd(failed);
    await page.goto(`/operations/${failed}`);
    await page.getByTestId('operation-error').waitFor();
    expect(await page.getByTestId('operation-error').textContent()).toContain('DUMMY_FAILURE');
    expect(await page.locator('.timeline li[data-state="failed"]').count()).toBe(1);
    await screenshot(page, SHOTS, 'operation-failed');

    const running = await ops.startDummy({ steps: 400, step_ms: 50 });
    await page.goto(`/operations/${running}`);
    const first = await waitForBarAbove(page, 'main', 0);
    expect(await waitForBarAbove(page, 'main', first)).toBeGreaterThan(first);
    expect(await page.getByTestId('step').textContent()).toMatch(/run/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'operation-running');

    await page.getByRole('button', { name: `Cancel ${running}` }).click();
    await page.getByRole('button', { name: 'Confirm cancel' }).click();
    await page.locator('.badge[data-status="cancelled"]').waitFor({ timeout: 1000 });
    expect(await page.locator('.timeline li[data-state="cancelling"]').count()).toBe(1);
  });

  it('the Operation page charts the metrics series: one point per entry of GET :id/metrics', async () => {
    const id = await ops.start('/data/load', {
      symbol: 'AAPL',
      timeframe: '1h',
      mode: 'full',
      start_date: '2024-01-01',
      end_date: '2024-06-30',
    });
    expect((await ops.followToEnd(id)).status).toBe('completed');
    const metrics = await ops.request<{ items: unknown[] }>(
      'GET',
      `/operations/${id}/metrics?limit=1000`,
    );
    expect(metrics.body.items.length).toBeGreaterThan(1);
    await page.goto(`/operations/${id}`);
    await page.locator('.chart canvas').waitFor();
    const points = await page.waitForFunction(
      `document.querySelector('.chart').__uplot?.data[0].length === ${metrics.body.items.length}`,
    );
    expect(await points.jsonValue()).toBe(true);
    expect(await page.getByRole('img', { name: /Metrics: .*bars/ }).count()).toBe(1);
    await screenshot(page, SHOTS, 'operation-metrics');
  });

  it('retry answers gracefully whether or not the API has the retry route yet', async () => {
    const failed = await ops.startDummy({ steps: 2, step_ms: 10, fail_at_step: 1 });
    await ops.followToEnd(failed);
    await page.goto(`/operations/${failed}`);
    await page.getByRole('button', { name: `Retry ${failed}` }).click();
    const outcome = page.getByRole('status').filter({ hasText: /Retried as|not available/ });
    await outcome.waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('Operations and System pages have no serious or critical axe violations', async () => {
    await ops.startDummy({ steps: 400, step_ms: 50 });
    await page.goto('/');
    await page.locator('tr[data-operation-id][data-status="running"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'operations');

    await page.getByRole('link', { name: 'System' }).click();
    await page.getByTestId('execution-mode').waitFor();
    expect(await page.getByTestId('execution-mode').textContent()).toBe('in-process');
    expect(await page.getByTestId('health-status').textContent()).toMatch(/ok|degraded/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SHOTS, 'system');
  });

  it('every control is reachable by keyboard', async () => {
    await ops.startDummy({ steps: 400, step_ms: 50 });
    await page.goto('/');
    await page.locator('tr[data-operation-id]').first().waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      // A string: the test's tsconfig has no DOM types.
      const name = await page.evaluate<string>(
        `(() => { const el = document.activeElement; return el ? el.tagName + ':' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30) : ''; })()`,
      );
      reached.add(name);
    }
    const all = [...reached].join('\n');
    expect(all).toContain('BUTTON:Start dummy operation');
    expect(all).toContain('SELECT');
    expect(all).toMatch(/A:op_/);
  });
});
