import type { Kysely, Migration } from 'kysely';

/**
 * The list filtered by status AND operation_type: without this index the database walks one of
 * the single-column indexes and checks the other column row by row (p99 ~80 ms at 100,000 rows).
 */
export const statusTypeIndexMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('operations_status_type_created_idx')
      .on('operations')
      .columns(['status', 'operation_type', 'created_at desc', 'operation_id desc'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('operations_status_type_created_idx').execute();
  },
};
