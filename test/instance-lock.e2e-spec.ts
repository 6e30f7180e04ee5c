import { OpsApi } from './support/ops-api';
import { ServicePool } from './support/service-pool';

const pool = new ServicePool();
afterAll(() => pool.cleanup());

describe('two API processes on one DATA_DIR (embedded SQLite, in-process execution)', () => {
  it('refuses the second with a clear message; a SIGKILLed first one leaves no lock behind', async () => {
    const dataDir = pool.dataDir('ktrdr-lock-e2e-');
    const first = await pool.startApi(dataDir);
    const api = new OpsApi(first.url);
    const id = await api.startDummy({ steps: 10000, step_ms: 20 });
    (await api.waitRunning(id)).close();

    await expect(pool.startApi(dataDir)).rejects.toThrow(
      /exited \(1\) before listening:[\s\S]*is already used by another ktrdr process running operations in-process \(lock file \S+ktrdr\.sqlite\.lock is held\)/,
    );
    // The first one was not touched: its operation is still running, and it still cancels.
    expect(await api.get(id)).toMatchObject({ status: 'running', error: null });
    expect((await api.cancel(id)).status).toBe(202);
    expect((await api.followToEnd(id)).status).toBe('cancelled');

    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    const next = await pool.startApi(dataDir);
    const restarted = new OpsApi(next.url);
    expect(await restarted.get(id)).toMatchObject({ status: 'cancelled' });
    const again = await restarted.startDummy({ steps: 2, step_ms: 1 });
    expect((await restarted.followToEnd(again)).status).toBe('completed');
  });
});
