import path from 'node:path';
import type { TrainingResult } from '@ktrdr/training-engine';
import { OpsApi, type StatusEvent } from './support/ops-api';
import { ServicePool } from './support/service-pool';
import { ROOT } from './support/spawn-service';
import { spawnTrainingHost, type TrainingHostProcess } from './support/training-host-process';

jest.setTimeout(180_000);

/** How long the API lets the training host stay unreachable mid-session (TRAINING_HOST_LOST_AFTER_MS). */
const LOST_AFTER_MS = 4000;

/**
 * The two venues against real processes: the API (local worker) and the built training host
 * (`execution: 'host'`), both on the WebAssembly backend with the synthetic provider.
 */
describe('training venues: local worker and the training host process', () => {
  const pool = new ServicePool();
  const hosts: TrainingHostProcess[] = [];
  let host: TrainingHostProcess;
  let ops: OpsApi;

  const startHost = async (port = '0'): Promise<TrainingHostProcess> => {
    const started = await spawnTrainingHost({ TFJS_BACKEND: 'wasm', TRAINING_HOST_PORT: port });
    hosts.push(started);
    return started;
  };
  const hostHealth = async (): Promise<Record<string, number>> =>
    (await (await fetch(`${host.url}/health`)).json()) as Record<string, number>;
  /** Starts a host training and resolves once its first batch was reported. */
  const startHostTraining = async (strategy: string): Promise<string> => {
    const id = await ops.start('/trainings', { strategy_name: strategy, execution: 'host' });
    const sse = await ops.events(id);
    await sse.waitFor((e) => e.event === 'progress' && /"batch":/.test(e.data));
    sse.close();
    return id;
  };

  beforeAll(async () => {
    host = await startHost();
    const dataDir = pool.dataDir('ktrdr-venues-e2e-');
    const api = await pool.startApi(dataDir, {
      MODELS_DIR: path.join(dataDir, 'models'),
      STRATEGIES_DIR: path.join(ROOT, 'strategies'),
      TFJS_BACKEND: 'wasm',
      TRAINING_HOST_SERVICE_URL: host.url,
      TRAINING_HOST_LOST_AFTER_MS: String(LOST_AFTER_MS),
    });
    ops = new OpsApi(api.url);
  });
  afterAll(async () => {
    await pool.cleanup();
    await Promise.all(hosts.map((h) => h.cleanup()));
  });

  it('the same strategy and seed give the same test metrics (1e-6) and the same result schema', async () => {
    const local = await ops.followToEnd(
      await ops.start('/trainings', { strategy_name: 'rsi_mlp', execution: 'local' }),
    );
    const remote = await ops.followToEnd(
      await ops.start('/trainings', { strategy_name: 'rsi_mlp', execution: 'host' }),
    );
    expect([local.operation.status, remote.operation.status]).toEqual(['completed', 'completed']);
    const a = local.operation.result as TrainingResult;
    const b = remote.operation.result as TrainingResult;
    expect(shapeOf(b)).toEqual(shapeOf(a));
    expect([a.resource_usage.training_mode, b.resource_usage.training_mode]).toEqual([
      'local',
      'host',
    ]);
    expect(a.session_info.session_id).toBeNull();
    expect(b.session_info.session_id).toEqual(expect.any(String));
    expect([a.seed, b.seed, a.resource_usage.backend, b.resource_usage.backend]).toEqual([
      42,
      42,
      'wasm',
      'wasm',
    ]);
    const numbersA = numbersOf(a.test_metrics);
    const numbersB = numbersOf(b.test_metrics);
    expect(numbersB.length).toBe(numbersA.length);
    numbersA.forEach((value, i) =>
      expect(Math.abs(value - (numbersB[i] ?? NaN))).toBeLessThan(1e-6),
    );
    expect(b.training_metrics.epochs_completed).toBe(a.training_metrics.epochs_completed);
    expect(b.artifacts.model_version).not.toBe(a.artifacts.model_version);
    const predicted = await ops.request<{ t: number[] }>(
      'POST',
      `/models/rsi_mlp/${b.artifacts.model_version}/predict`,
      { symbol: 'AAPL', timeframe: '1h', start: '2024-12-01', end: '2024-12-31' },
    );
    expect(predicted.status).toBe(200);
    expect(predicted.body.t.length).toBeGreaterThan(0);
  });

  it('a cancel stops the host session (the host counts it) and ends cancelled', async () => {
    const before = await hostHealth();
    const id = await startHostTraining('multi_symbol_mlp');
    const asked = Date.now();
    expect((await ops.cancel(id, 'test')).status).toBe(202);
    const final = await ops.followToEnd(id);
    expect(final.operation.status).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(3000);
    const after = await hostHealth();
    expect(after['sessions_stopped']).toBe((before['sessions_stopped'] ?? 0) + 1);
    expect(after['active_sessions']).toBe(0);
  });

  it('the host restarted mid-session (same port, the session unknown: 404) → HOST_SESSION_LOST', async () => {
    const id = await startHostTraining('multi_symbol_mlp');
    const port = new URL(host.url).port;
    await host.stop('SIGKILL');
    host = await startHost(port);
    const final = await ops.followToEnd(id);
    expectFailed(final, 'HOST_SESSION_LOST', /no longer knows it|unreachable/);
  });

  it('the host killed mid-session and gone → HOST_SESSION_LOST after TRAINING_HOST_LOST_AFTER_MS, no hang', async () => {
    const id = await startHostTraining('multi_symbol_mlp');
    await host.stop('SIGKILL');
    const killed = Date.now();
    const final = await ops.followToEnd(id);
    expectFailed(final, 'HOST_SESSION_LOST', /unreachable for 4000 ms/);
    // Polling backs off up to 5 s between tries, so the loss is seen at most that much later.
    expect(Date.now() - killed).toBeGreaterThanOrEqual(LOST_AFTER_MS);
    expect(Date.now() - killed).toBeLessThan(LOST_AFTER_MS + 8000);
  });

  it('the host unreachable at start → failed HOST_UNAVAILABLE', async () => {
    const id = await ops.start('/trainings', { strategy_name: 'rsi_mlp', execution: 'host' });
    const final = await ops.followToEnd(id);
    expectFailed(final, 'HOST_UNAVAILABLE', /did not start the session/);
  });
});

function expectFailed(final: StatusEvent, code: string, message: RegExp): void {
  expect(final.operation.status).toBe('failed');
  expect(final.operation.error?.code).toBe(code);
  expect(final.operation.error?.message).toMatch(message);
}

/** Every key path of a JSON value with its value's type (arrays by their first element). */
function shapeOf(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [`${at}:array`, ...shapeOf(value[0], `${at}[]`)];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .sort(([x], [y]) => x.localeCompare(y))
      .flatMap(([key, inner]) => shapeOf(inner, `${at}.${key}`));
  }
  // null and string are one type for the schema (session_id, gpu_name are null or a string).
  return [`${at}:${value === null || typeof value === 'string' ? 'string|null' : typeof value}`];
}

/** The numbers of a JSON value in key order (flattened). */
function numbersOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersOf);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .sort(([x], [y]) => x.localeCompare(y))
      .flatMap(([, inner]) => numbersOf(inner));
  }
  return [];
}
