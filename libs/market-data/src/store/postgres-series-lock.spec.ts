import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresSeriesLock } from './postgres-series-lock';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Two PostgresSeriesLock instances are two pools, so two sets of sessions: what two processes
 * sharing the database would be. Each test has its own schema (the locks are per schema) and
 * application_name (to find its sessions in pg_locks).
 */
describe('PostgresSeriesLock (real PostgreSQL)', () => {
  const tag = randomBytes(5).toString('hex');
  const schema = `ktrdr_test_${tag}`;
  const appName = `ktrdr-series-lock-${tag}`;
  let admin: Client;
  const locks: PostgresSeriesLock[] = [];
  const holders: (() => void)[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.query(`create schema "${schema}_b"`);
  });
  afterEach(async () => {
    // A failed expectation must not leave a task holding a lock (close waits for it).
    holders.splice(0).forEach((release) => release());
    await Promise.all(locks.splice(0).map((lock) => lock.close()));
  });
  afterAll(async () => {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.query(`drop schema if exists "${schema}_b" cascade`);
    await admin.end();
  });

  function newLock(inSchema = schema): PostgresSeriesLock {
    const lock = new PostgresSeriesLock({
      connection: {
        connectionString: POSTGRES_URL,
        application_name: appName,
        options: `-c search_path=${inSchema}`,
      },
    });
    locks.push(lock);
    return lock;
  }

  /** Advisory lock requests of this test's sessions: granted and waiting. */
  async function advisory(): Promise<{ granted: number; waiting: number }> {
    const { rows } = await admin.query<{ granted: boolean }>(
      `select l.granted from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and a.application_name = $1`,
      [appName],
    );
    return {
      granted: rows.filter((r) => r.granted).length,
      waiting: rows.filter((r) => !r.granted).length,
    };
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200 && !(await check()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await check()).toBe(true);
  }

  function holder() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    holders.push(release);
    return {
      task: async () => {
        started();
        await released;
      },
      running,
      release,
    };
  }

  it('serialises one series across two sets of sessions; frees it after the task', async () => {
    const [a, b] = [newLock(), newLock()];
    const log: string[] = [];
    const first = holder();
    const held = a.run('AAPL_1h', async () => {
      log.push('a start');
      await first.task();
      log.push('a end');
    });
    await first.running;
    const second = b.run('AAPL_1h', () => Promise.resolve(log.push('b ran')));
    // b's session waits on the server for a's lock.
    await until(async () => (await advisory()).waiting === 1);
    expect(log).toEqual(['a start']);

    first.release();
    await Promise.all([held, second]);
    expect(log).toEqual(['a start', 'a end', 'b ran']);
    expect(await advisory()).toEqual({ granted: 0, waiting: 0 });
  });

  it('does not block another series, nor the same series in another schema', async () => {
    const [a, b, c] = [newLock(), newLock(), newLock(`${schema}_b`)];
    const first = holder();
    const held = a.run('AAPL_1h', first.task);
    await first.running;

    await expect(b.run('MSFT_1h', () => Promise.resolve('other series'))).resolves.toBe(
      'other series',
    );
    await expect(c.run('AAPL_1h', () => Promise.resolve('other schema'))).resolves.toBe(
      'other schema',
    );
    first.release();
    await held;
  });

  it('an aborted wait ends at once on the server too; the task never runs', async () => {
    const [a, b] = [newLock(), newLock()];
    const first = holder();
    const held = a.run('AAPL_1h', first.task);
    await first.running;
    const controller = new AbortController();
    const task = jest.fn(() => Promise.resolve());
    const waiting = b.run('AAPL_1h', task, controller.signal);
    await until(async () => (await advisory()).waiting === 1);

    controller.abort();
    // While a still holds the lock: the wait ended without it.
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await until(async () => (await advisory()).waiting === 0);
    expect(task).not.toHaveBeenCalled();

    first.release();
    await held;
    // b is still usable after giving up a connection.
    await expect(b.run('AAPL_1h', () => Promise.resolve('after'))).resolves.toBe('after');
  });

  it('a failing task releases the lock', async () => {
    const [a, b] = [newLock(), newLock()];
    await expect(a.run('AAPL_1h', () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await expect(b.run('AAPL_1h', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(await advisory()).toEqual({ granted: 0, waiting: 0 });
  });
});
