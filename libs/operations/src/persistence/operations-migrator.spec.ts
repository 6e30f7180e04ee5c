import { sql } from 'kysely';
import { createTestDatabase } from '../testing/operations-test-database';
import { openMigratedDatabase } from './database.factory';

describe('migrateToLatest on PostgreSQL', () => {
  it('migrates a schema while another schema of the database has Kysely tables of its own', async () => {
    const other = createTestDatabase('postgres');
    const ours = createTestDatabase('postgres');
    const first = await openMigratedDatabase(other.options);
    try {
      // `other` now holds kysely_migration(_lock); a fresh schema must still get its own.
      const second = await openMigratedDatabase(ours.options);
      try {
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from operations`.execute(second.db);
        expect(rows[0]?.n).toBe(0);
        const tables = await sql<{ table_schema: string }>`
          select table_schema from information_schema.tables
          where table_name = 'kysely_migration_lock' and table_schema = ${ours.options.schema}
        `.execute(second.db);
        expect(tables.rows).toHaveLength(1);
      } finally {
        await second.db.destroy();
      }
    } finally {
      await first.db.destroy();
      await ours.cleanup();
      await other.cleanup();
    }
  });
});
