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

  it('keeps its migration tables in the schema a URL selects with search_path', async () => {
    const other = createTestDatabase('postgres');
    const ours = createTestDatabase('postgres');
    const first = await openMigratedDatabase(other.options);
    const schema = ours.options.schema!;
    await sql`create schema ${sql.id(schema)}`.execute(first.db);
    try {
      const url = new URL(ours.options.databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const second = await openMigratedDatabase({ databaseUrl: url.toString() });
      try {
        const { rows } = await sql<{ table_schema: string }>`
          select table_schema from information_schema.tables
          where table_name in ('kysely_migration_lock', 'operations')
        `.execute(second.db);
        expect(rows.filter((r) => r.table_schema === schema)).toHaveLength(2);
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
