import type { Kysely, Migration } from 'kysely';

/**
 * Retry (`POST /operations/:id/retry`): `params`, the job's params as JSON text (NULL for
 * operations created before this migration, which cannot be retried), and `retry_of`, the id of
 * the operation a retry repeats. Portable: two nullable TEXT columns, one ALTER each (SQLite
 * adds one column per statement).
 */
export const retryMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('operations').addColumn('params', 'text').execute();
    await db.schema.alterTable('operations').addColumn('retry_of', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('operations').dropColumn('retry_of').execute();
    await db.schema.alterTable('operations').dropColumn('params').execute();
  },
};
