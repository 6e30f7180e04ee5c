import { Client } from 'pg';
import { bootOperations, type BootedOperations } from '../testing/boot-operations';
import {
  TEST_DIALECTS,
  TEST_POSTGRES_URL,
  createTestDatabase,
  type TestDatabase,
} from '../testing/operations-test-database';

describe.each(TEST_DIALECTS)('one in-process registry per database (%s)', (dialect) => {
  let database: TestDatabase;
  const booted: BootedOperations[] = [];

  beforeEach(() => {
    database = createTestDatabase(dialect);
  });
  afterEach(async () => {
    for (const { app } of booted.splice(0)) await app.close();
    await database.cleanup();
  });

  const boot = async (durable = false): Promise<BootedOperations> => {
    const ops = await bootOperations(database.options, { durable });
    booted.push(ops);
    return ops;
  };

  it('refuses a second in-process registry on the same database until the first is gone', async () => {
    const first = await boot();
    await expect(bootOperations(database.options)).rejects.toThrow(
      /already used by another ktrdr process running operations in-process/,
    );
    await first.app.close();
    booted.splice(booted.indexOf(first), 1);
    await expect(boot()).resolves.toBeDefined();
  });

  it('lets several durable (queued) registries share the database', async () => {
    await boot(true);
    await expect(boot(true)).resolves.toBeDefined();
  });

  if (dialect === 'postgres') {
    it('holds the lock on a connection named for it, in this schema only', async () => {
      await boot();
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'advisory' and a.application_name = 'ktrdr instance lock'`,
        );
        expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
      } finally {
        await client.end();
      }
      // Another schema is another registry.
      const other = createTestDatabase('postgres');
      try {
        const ops = await bootOperations(other.options);
        await ops.app.close();
      } finally {
        await other.cleanup();
      }
    });
  }
});
