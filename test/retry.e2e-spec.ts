import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import type { OperationRecord } from '@ktrdr/operations';
import { ktrdr } from './support/cli-process';
import { finalStatus, OpsApi, type StatusEvent } from './support/ops-api';
import { ServicePool } from './support/service-pool';
import type { RunningService } from './support/spawn-service';
import { nextEvent, operationsSocket } from './support/socket-events';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface FeedEntry {
  kind: 'created' | 'status_changed';
  operation: OperationRecord;
}

/** Where the spawned API keeps its operations: the default SQLite file, or a PostgreSQL schema. */
interface Storage {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

async function storageFor(kind: 'sqlite' | 'postgres'): Promise<Storage> {
  if (kind === 'sqlite') return { env: {}, cleanup: () => Promise.resolve() };
  const schema = `ktrdr_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('retry against the real API on %s', (kind) => {
  const pool = new ServicePool();
  const sockets: Socket[] = [];
  let storage: Storage;
  let dataDir: string;
  let service: RunningService;
  let api: OpsApi;

  beforeAll(async () => {
    storage = await storageFor(kind);
    dataDir = pool.dataDir('ktrdr-retry-e2e-');
    service = await pool.startApi(dataDir, storage.env);
    api = new OpsApi(service.url);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((socket) => socket.close());
    await pool.cleanup();
    await storage?.cleanup();
  });

  it('REST: the retry runs with the same params; SSE and socket.io carry retry_of', async () => {
    const original = await api.startDummy({ steps: 4, step_ms: 5, fail_at_step: 2 });
    expect((await api.followToEnd(original)).status).toBe('failed');

    const socket = operationsSocket(api.baseUrl);
    sockets.push(socket);
    await nextEvent(socket, 'connect');
    await expect(socket.emitWithAck('subscribe_all')).resolves.toEqual({ ok: true });
    const created = nextEvent<FeedEntry>(socket, 'operation_created');

    const res = await api.request<OperationRecord>('POST', `/operations/${original}/retry`);
    expect(res.status).toBe(202);
    const retry = res.body;
    expect(retry).toMatchObject({ status: 'pending', retry_of: original });
    expect(await created).toMatchObject({
      operation: { operation_id: retry.operation_id, retry_of: original },
    });
    const status = nextEvent<StatusEvent>(socket, 'status');
    await socket.emitWithAck('subscribe', { operation_id: retry.operation_id });

    const overSse = await api.followToEnd(retry.operation_id);
    const overSocket = await status;
    for (const ended of [overSse, overSocket]) {
      expect(ended).toMatchObject({
        status: 'failed',
        operation: {
          retry_of: original,
          error: {
            code: 'DUMMY_FAILURE',
            message: 'Dummy operation failed at step 2 as requested',
          },
        },
      });
    }
    expect((await api.request('POST', `/operations/${retry.operation_id}/retry`)).status).toBe(202);
  });

  it('409 for a completed operation, 404 for an unknown one; nothing is created', async () => {
    const done = await api.startDummy({ steps: 1, step_ms: 0 });
    await api.followToEnd(done);
    const before = await api.total();

    const refused = await api.request('POST', `/operations/${done}/retry`);
    expect(refused).toMatchObject({
      status: 409,
      body: { code: 'OPERATION_NOT_RETRYABLE' },
    });
    const unknown = await api.request(
      'POST',
      '/operations/op_dummy_20250101_000000_deadbeef/retry',
    );
    expect(unknown).toMatchObject({ status: 404, body: { code: 'OPERATION_NOT_FOUND' } });
    expect(await api.total()).toBe(before);
  });

  it('CLI: ktrdr ops retry follows the new operation; --no-watch prints its id', async () => {
    const original = await api.startDummy({ steps: 5, step_ms: 100 });
    (await api.waitRunning(original)).close();
    expect((await api.cancel(original)).status).toBe(202);
    expect((await api.followToEnd(original)).status).toBe('cancelled');

    const cli = ktrdr(api.baseUrl, ['ops', 'retry', original]);
    const [, id] = await cli.waitForStderr(/Started (op_\w+)/);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(new RegExp(`^${id} completed in \\S+: steps_completed=5`));
    expect(await api.get(id!)).toMatchObject({ status: 'completed', retry_of: original });

    const detached = ktrdr(api.baseUrl, ['ops', 'retry', original, '--no-watch']);
    expect(await detached.exited).toBe(0);
    const printed = detached.stdout().trim();
    expect(printed).toMatch(/^op_dummy_\d{8}_\d{6}_[0-9a-f]{8}$/);
    expect(await api.get(printed)).toMatchObject({ retry_of: original });
    expect((await api.followToEnd(printed)).status).toBe('completed');
  });

  it('an API restarted on the same store retries what the earlier process started', async () => {
    const original = await api.startDummy({ steps: 3, step_ms: 1, fail_at_step: 3 });
    expect((await api.followToEnd(original)).status).toBe('failed');
    expect(await service.stop('SIGTERM')).toBe(0);

    service = await pool.startApi(dataDir, storage.env);
    api = new OpsApi(service.url);
    const res = await api.request<OperationRecord>('POST', `/operations/${original}/retry`);
    expect(res).toMatchObject({ status: 202, body: { retry_of: original } });
    const ended = finalStatus(await (await api.events(res.body.operation_id)).ended);
    expect(ended).toMatchObject({
      status: 'failed',
      operation: { retry_of: original, progress: { items_processed: 2 } },
    });
  });
});
