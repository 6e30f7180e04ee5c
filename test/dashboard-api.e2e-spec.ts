import path from 'node:path';
import { io } from 'socket.io-client';
import { OpsApi } from './support/ops-api';
import { ServicePool } from './support/service-pool';
import { ROOT, type RunningService } from './support/spawn-service';

const PAGE = 'http://dashboard.example:5173';
const KEY = 'dashboard-e2e-key-0123';

type Page = {
  count: number;
  t: number[];
  c: number[];
  next: string | null;
  previous?: string | null;
};

/**
 * What the dashboard needs from the API, against a real API process built from dist/:
 * CORS for a page on another origin (REST and socket.io), bars read backwards for scrolling,
 * and a model version's training curves.
 */
describe('the API for the dashboard (real process)', () => {
  const pool = new ServicePool();
  let api: RunningService;
  let ops: OpsApi;

  beforeAll(async () => {
    const dataDir = pool.dataDir('ktrdr-dashboard-api-e2e-');
    api = await pool.startApi(dataDir, {
      API_KEY: KEY,
      CORS_ORIGINS: PAGE,
      MODELS_DIR: path.join(dataDir, 'models'),
      STRATEGIES_DIR: path.join(ROOT, 'strategies'),
      TFJS_BACKEND: 'wasm',
    });
    ops = new OpsApi(api.url, { 'x-api-key': KEY });
  });
  afterAll(() => pool.cleanup());

  it('CORS_ORIGINS: a preflight and a keyed request from the page pass, another origin gets no grant', async () => {
    const preflight = await fetch(`${api.url}/api/v1/data/load`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PAGE);
    const keyed = await fetch(`${api.url}/api/v1/operations`, {
      headers: { origin: PAGE, 'x-api-key': KEY },
    });
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('access-control-allow-origin')).toBe(PAGE);
    const other = await fetch(`${api.url}/api/v1/operations`, {
      headers: { origin: 'https://elsewhere.example', 'x-api-key': KEY },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ORIGINS: socket.io long-polling from the page connects and subscribes', async () => {
    const socket = io(`${api.url}/operations`, {
      transports: ['polling'],
      auth: { token: KEY },
      extraHeaders: { origin: PAGE },
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const ack = (await socket.emitWithAck('subscribe_all', {})) as { ok: boolean };
      expect(ack.ok).toBe(true);
    } finally {
      socket.close();
    }
    const handshake = await fetch(`${api.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: PAGE },
    });
    expect(handshake.headers.get('access-control-allow-origin')).toBe(PAGE);
  });

  it('bars read backwards page by page rebuild exactly the loaded series', async () => {
    const id = await ops.start('/data/load', {
      symbol: 'MSFT',
      timeframe: '1h',
      mode: 'full',
      start_date: '2024-01-01',
      end_date: '2024-04-01',
    });
    expect((await ops.followToEnd(id)).operation.status).toBe('completed');
    const all = await ops.request<Page>('GET', '/data/MSFT/1h?limit=100000');
    expect(all.body.count).toBeGreaterThan(400);
    const pages: number[][] = [];
    const last = all.body.t[all.body.t.length - 1]!;
    let before: string | null = new Date(last + 1).toISOString();
    while (before !== null) {
      const res: { status: number; body: Page } = await ops.request<Page>(
        'GET',
        `/data/MSFT/1h?before=${encodeURIComponent(before)}&limit=100`,
      );
      expect(res.status).toBe(200);
      expect(res.body.count).toBeLessThanOrEqual(100);
      pages.unshift(res.body.t);
      before = res.body.previous ?? null;
      expect(pages.length).toBeLessThan(20);
    }
    expect(pages.flat()).toEqual(all.body.t);
  });

  it("a trained version carries its training's curves and operation id", async () => {
    const id = await ops.start('/trainings', {
      strategy_name: 'rsi_mlp',
      start_date: '2024-06-01',
      end_date: '2024-09-01',
    });
    const final = await ops.followToEnd(id);
    expect(final.operation.status).toBe('completed');
    const version = (final.operation.result as { artifacts: { model_version: string } }).artifacts
      .model_version;
    const detail = await ops.request<{
      operation_id: string;
      training_metrics: { epochs_completed: number; final_val_loss: number };
      test_metrics: { confusion_matrix: number[][] };
      training_history: { epoch: number; val_loss: number; train_loss: number }[];
    }>('GET', `/models/rsi_mlp/${version}`);
    expect(detail.status).toBe(200);
    expect(detail.body.operation_id).toBe(id);
    const history = detail.body.training_history;
    expect(history.map((e) => e.epoch)).toEqual(
      Array.from({ length: detail.body.training_metrics.epochs_completed }, (_, i) => i + 1),
    );
    expect(detail.body.test_metrics.confusion_matrix).toHaveLength(3);
    // The curves are the operation's own epoch metrics.
    const metrics = await ops.request<{ items: { data: Record<string, number> }[] }>(
      'GET',
      `/operations/${id}/metrics`,
    );
    const epochs = metrics.body.items.map((m) => m.data).filter((v) => 'val_loss' in v);
    expect(epochs.map((v) => v['val_loss'])).toEqual(history.map((e) => e.val_loss));
    const list = await ops.request<{ items: Record<string, unknown>[] }>('GET', '/models');
    expect(list.body.items[0]).toMatchObject({ version, operation_id: id });
    expect(list.body.items[0]).not.toHaveProperty('training_history');
  });
});
