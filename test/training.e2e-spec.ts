import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { OpsApi } from './support/ops-api';
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
  });

  it('a cancel mid-epoch ends cancelled with the epochs done and publishes nothing', async () => {
    const before = existsSync(path.join(modelsDir, 'multi_symbol_mlp'))
      ? readdirSync(path.join(modelsDir, 'multi_symbol_mlp'))
      : [];
    const id = await ops.start('/trainings', { strategy_name: 'multi_symbol_mlp' });
    const sse = await ops.events(id);
    await sse.waitFor((e) => e.event === 'progress' && /"batch":/.test(e.data));
    const asked = Date.now();
    expect((await ops.cancel(id, 'test')).status).toBe(202);
    const final = await ops.followToEnd(id);
    expect(final.operation.status).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(5000);
    const after = existsSync(path.join(modelsDir, 'multi_symbol_mlp'))
      ? readdirSync(path.join(modelsDir, 'multi_symbol_mlp'))
      : [];
    expect(after).toEqual(before);
  });
});
