import type { Kysely, Migration } from 'kysely';

/**
 * Leases of queued execution (queued.md): the worker that claimed a running operation and until
 * when its claim holds (ISO-8601 TEXT like every time column). A worker renews its leases by
 * `worker_id`; the orphan sweeper fails operations whose lease ran out.
 */
export const operationLeasesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('operations').addColumn('worker_id', 'text').execute();
    await db.schema.alterTable('operations').addColumn('lease_expires_at', 'text').execute();
    await db.schema
      .createIndex('operations_worker_idx')
      .on('operations')
      .columns(['worker_id', 'status'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('operations_worker_idx').execute();
    await db.schema.alterTable('operations').dropColumn('lease_expires_at').execute();
    await db.schema.alterTable('operations').dropColumn('worker_id').execute();
  },
};
