import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { InProcessSeriesLock, PostgresSeriesLock } from '@ktrdr/market-data';
import { AppConfig } from '../config';
import { createSeriesLock } from './series-lock.provider';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('createSeriesLock', () => {
  it('is in-process by default, on SQLite and on PostgreSQL', async () => {
    for (const env of [{}, { DATABASE_URL: POSTGRES_URL }]) {
      const lock = createSeriesLock(AppConfig.fromEnv({ DATA_DIR: '/tmp/ktrdr-unused', ...env }));
      expect(lock).toBeInstanceOf(InProcessSeriesLock);
      await lock.close();
    }
  });

  it('in queued mode takes PostgreSQL advisory locks on sessions named "… series lock"', async () => {
    const tag = randomBytes(5).toString('hex');
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('application_name', `ktrdr-test-${tag}`);
    const lock = createSeriesLock(
      AppConfig.fromEnv({
        DATA_DIR: '/tmp/ktrdr-unused',
        EXECUTION_MODE: 'queued',
        REDIS_URL: 'redis://127.0.0.1:6379',
        DATABASE_URL: url.toString(),
      }),
    );
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      expect(lock).toBeInstanceOf(PostgresSeriesLock);
      const holders = await lock.run('AAPL_1h', async () => {
        const { rows } = await admin.query<{ application_name: string }>(
          `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'advisory' and l.granted and a.application_name like $1`,
          [`ktrdr-test-${tag}%`],
        );
        return rows.map((r) => r.application_name);
      });
      expect(holders).toEqual([`ktrdr-test-${tag} series lock`]);
    } finally {
      await lock.close();
      await admin.end();
    }
  });
});
