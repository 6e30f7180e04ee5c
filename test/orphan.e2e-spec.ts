import { finalStatus, OpsApi } from './support/ops-api';
import { ServicePool } from './support/service-pool';

const pool = new ServicePool();
afterAll(() => pool.cleanup());

describe('an API process killed mid-operation (SIGKILL)', () => {
  it('leaves the operation to the next process, which marks it failed with ORPHANED', async () => {
    const dataDir = pool.dataDir('ktrdr-orphan-e2e-');
    const first = await pool.startApi(dataDir);
    const api = new OpsApi(first.url);
    const id = await api.startDummy({ steps: 10000, step_ms: 20 });
    const sse = await api.waitRunning(id);
    expect(await api.get(id)).toMatchObject({ status: 'running', error: null });

    sse.close();
    await sse.ended;

    // No shutdown hook runs: the record stays `running` in the SQLite file.
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');

    const second = await pool.startApi(dataDir);
    const restarted = new OpsApi(second.url);
    const op = await restarted.get(id);
    expect(op).toMatchObject({
      status: 'failed',
      error: { code: 'ORPHANED' },
      cancellation: null,
    });
    expect(op.completed_at).not.toBeNull();
    expect(op.progress?.seq).toBeGreaterThan(0);
    // Its event stream ends at once with that status, and it is final: a cancel is refused.
    expect(finalStatus(await (await restarted.events(id)).ended)).toMatchObject({
      status: 'failed',
      operation: { error: { code: 'ORPHANED' } },
    });
    expect((await restarted.cancel(id)).status).toBe(409);
    expect(await restarted.get(id)).toEqual(op);
    // The registry works on: a new operation runs to completion in the restarted process.
    const next = await restarted.startDummy({ steps: 2, step_ms: 1 });
    expect((await restarted.followToEnd(next)).status).toBe('completed');
  });
});
