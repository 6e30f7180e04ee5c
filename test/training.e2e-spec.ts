import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { finalStatus, OpsApi, type ProgressEvent, progressOf } from './support/ops-api';
import { ServicePool } from './support/service-pool';
import type { RunningService } from './support/spawn-service';
import { ROOT } from './support/spawn-service';

/**
 * The training API against the real app: strategies from the repo's strategies/ folder, the
 * synthetic provider for bars, a temp MODELS_DIR. Every bad input answers a coded 4xx and
 * creates no operation.
 */
describe('training API (real process)', () => {
  const pool = new ServicePool();
  let api: RunningService;
  let ops: OpsApi;
  let modelsDir: string;
  let modelVersion = '';

  beforeAll(async () => {
    const dataDir = pool.dataDir('ktrdr-training-e2e-');
    modelsDir = path.join(dataDir, 'models');
    api = await pool.startApi(dataDir, {
      MODELS_DIR: modelsDir,
      STRATEGIES_DIR: path.join(ROOT, 'strategies'),
      TFJS_BACKEND: 'wasm',
    });
    ops = new OpsApi(api.url);
  });
  afterAll(() => pool.cleanup());

  it('lists the example strategies, all valid, and shows one', async () => {
    const list = await ops.request<{ name: string; valid: boolean }[]>('GET', '/strategies');
    expect(list.status).toBe(200);
    expect(list.body.map((s) => [s.name, s.valid])).toEqual(
      expect.arrayContaining([
        ['rsi_mlp', true],
        ['multi_symbol_mlp', true],
        ['multi_timeframe_mlp', true],
      ]),
    );
    const one = await ops.request<{ name: string; yaml: string; problems: unknown[] }>(
      'GET',
      '/strategies/rsi_mlp',
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: 'rsi_mlp', problems: [] });
    expect(one.body.yaml).toMatch(/^name: rsi_mlp$/m);
  });

  it('validates a YAML body: every problem with its path', async () => {
    const res = await fetch(`${api.url}/api/v1/strategies/validate`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: 'name: x\nindicators:\n  - { name: r, type: nope }\n',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { valid: boolean; problems: { path: string }[] };
    expect(body.valid).toBe(false);
    expect(body.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['indicators[0].type', 'model']),
    );
    const json = await ops.request('POST', '/strategies/validate', { yaml: 'x' });
    expect(json.status).toBe(415);
  });

  it.each([
    ['GET', '/strategies/nope', undefined, 404, 'STRATEGY_NOT_FOUND'],
    ['GET', '/strategies/..%2F..%2Fetc', undefined, 400, 'INVALID_STRATEGY_NAME'],
    ['POST', '/trainings', { strategy_name: 'nope' }, 404, 'STRATEGY_NOT_FOUND'],
    ['POST', '/trainings', { strategy_name: 'a/../../b' }, 400, 'INVALID_STRATEGY_NAME'],
    ['POST', '/trainings', { strategy_name: 'rsi_mlp', symbols: ['$$'] }, 400, 'INVALID_SYMBOL'],
    [
      'POST',
      '/trainings',
      { strategy_name: 'rsi_mlp', timeframes: ['2h'] },
      400,
      'INVALID_TIMEFRAME',
    ],
    [
      'POST',
      '/trainings',
      { strategy_name: 'rsi_mlp', execution: 'host' },
      400,
      'TRAINING_HOST_NOT_CONFIGURED',
    ],
    ['POST', '/trainings', { strategy_name: 'rsi_mlp', extra: 1 }, 400, 'VALIDATION_FAILED'],
    ['GET', '/models/rsi_mlp/AAPL_1h_v999', undefined, 404, 'MODEL_NOT_FOUND'],
    ['GET', '/models/rsi_mlp/..%2F..%2Fx', undefined, 400, 'INVALID_MODEL_VERSION'],
    [
      'POST',
      '/models/rsi_mlp/AAPL_1h_v999/predict',
      { symbol: 'AAPL', timeframe: '1h' },
      404,
      'MODEL_NOT_FOUND',
    ],
  ])('%s %s %j → %i %s, no operation created', async (method, route, body, status, code) => {
    const before = await ops.total();
    const res = await ops.request<{ code: string }>(method, route, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await ops.total()).toBe(before);
  });

  it('trains rsi_mlp locally to completed, publishes a version and predicts from it', async () => {
    const id = await ops.start('/trainings', { strategy_name: 'rsi_mlp' });
    const final = await ops.followToEnd(id);
    expect(final.operation.status).toBe('completed');
    const result = final.operation.result as {
      artifacts: { model_version: string; model_path: string };
      resource_usage: { training_mode: string };
    };
    expect(result.resource_usage.training_mode).toBe('local');
    expect(existsSync(result.artifacts.model_path)).toBe(true);
    const metrics = await ops.request<{ items: unknown[] }>('GET', `/operations/${id}/metrics`);
    expect(metrics.body.items.length).toBeGreaterThan(0);
    const version = result.artifacts.model_version;
    const predicted = await ops.request<{ t: number[]; signal: string[]; p_buy: number[] }>(
      'POST',
      `/models/rsi_mlp/${version}/predict`,
      { symbol: 'AAPL', timeframe: '1h', start: '2024-12-01', end: '2024-12-31' },
    );
    expect(predicted.status).toBe(200);
    expect(predicted.body.t.length).toBeGreaterThan(0);
    expect(predicted.body.signal).toHaveLength(predicted.body.t.length);
    const other = await ops.request<{ code: string }>(
      'POST',
      `/models/rsi_mlp/${version}/predict`,
      {
        symbol: 'MSFT',
        timeframe: '1h',
      },
    );
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('SYMBOL_NOT_IN_MODEL');
    const forced = await ops.request<{ symbol: string; t: number[] }>(
      'POST',
      `/models/rsi_mlp/${version}/predict`,
      { symbol: 'MSFT', timeframe: '1h', start: '2024-12-01', end: '2024-12-31', force: true },
    );
    expect(forced.status).toBe(200);
    expect(forced.body.symbol).toBe('MSFT');
    expect(forced.body.t.length).toBeGreaterThan(0);
    const wrongTf = await ops.request<{ code: string }>(
      'POST',
      `/models/rsi_mlp/${version}/predict`,
      { symbol: 'AAPL', timeframe: '1d' },
    );
    expect([wrongTf.status, wrongTf.body.code]).toEqual([400, 'INVALID_TRAINING_REQUEST']);
    modelVersion = version;
  });

  it('lists, shows and deletes model versions; bad names and unknown versions are refused', async () => {
    const list = await ops.request<{ items: { version: string; is_latest: boolean }[] }>(
      'GET',
      '/models?strategy=rsi_mlp',
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ version: modelVersion, is_latest: true }),
    );
    const shown = await ops.request<{
      test_metrics: { accuracy: number };
      feature_names: string[];
    }>('GET', `/models/rsi_mlp/${modelVersion}`);
    expect(shown.status).toBe(200);
    expect(shown.body.test_metrics.accuracy).toBeGreaterThanOrEqual(0);
    expect(shown.body.feature_names.length).toBeGreaterThan(0);
    const escape = await ops.request<{ code: string }>('DELETE', '/models/rsi_mlp/..%2F..%2Fx');
    expect([escape.status, escape.body.code]).toEqual([400, 'INVALID_MODEL_VERSION']);
    const badStrategy = await ops.request<{ code: string }>('GET', '/models/..%2Fx/AAPL_1h_v1');
    expect(badStrategy.status).toBe(400);
    const unknown = await ops.request<{ code: string }>('DELETE', '/models/rsi_mlp/AAPL_1h_v999');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'MODEL_NOT_FOUND']);
    expect((await ops.request('DELETE', `/models/rsi_mlp/${modelVersion}`)).status).toBe(204);
    const gone = await ops.request<{ code: string }>('GET', `/models/rsi_mlp/${modelVersion}`);
    expect([gone.status, gone.body.code]).toEqual([404, 'MODEL_NOT_FOUND']);
    expect(existsSync(path.join(modelsDir, 'rsi_mlp', modelVersion))).toBe(false);
  });

  it('a cancel mid-epoch ends cancelled within one batch + 100 ms and publishes nothing', async () => {
    const dir = path.join(modelsDir, 'multi_symbol_mlp');
    const before = existsSync(dir) ? readdirSync(dir) : [];
    const id = await ops.start('/trainings', { strategy_name: 'multi_symbol_mlp' });
    const sse = await ops.events(id);
    // Two batch reports far enough apart give this machine's time per batch (server clock).
    const batchReports = (): ProgressEvent[] =>
      progressOf(sse.events).filter((e) => e.progress.context['batch'] !== undefined);
    await sse.waitFor(() => {
      const reports = batchReports();
      return reports.length >= 2 && spanOf(reports).batches >= 20;
    });
    const span = spanOf(batchReports());
    const batchMs = span.ms / span.batches;
    expect((await ops.cancel(id, 'test')).status).toBe(202);
    const final = finalStatus(await sse.ended);
    expect(final.operation.status).toBe('cancelled');
    const requested = Date.parse(final.operation.cancellation?.requested_at ?? '');
    const ended = Date.parse(final.operation.completed_at ?? '');
    // One batch + 100 ms (training.md), plus 100 ms for a shared 2-core test machine.
    expect(ended - requested).toBeLessThanOrEqual(batchMs + 100 + 100);
    const lastBatch = batchReports().at(-1);
    expect(Date.parse(lastBatch?.progress.updated_at ?? '')).toBeLessThanOrEqual(
      requested + batchMs + 100 + 100,
    );
    const partial = final.operation.result as { epochs_completed: number; history: unknown[] };
    expect(partial.history).toHaveLength(partial.epochs_completed);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual(before);
  });
});

/** Batches done and server time elapsed between the first and the last batch report. */
function spanOf(reports: ProgressEvent[]): { batches: number; ms: number } {
  const first = reports[0]?.progress;
  const last = reports.at(-1)?.progress;
  if (!first || !last) return { batches: 0, ms: 0 };
  return {
    batches: (last.items_processed ?? 0) - (first.items_processed ?? 0),
    ms: Date.parse(last.updated_at) - Date.parse(first.updated_at),
  };
}
