import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../database.types';

/**
 * The operations, operation_events and operation_metrics tables. Portable SQL: JSON as TEXT,
 * times as ISO-8601 TEXT; only the metrics id differs (AUTOINCREMENT vs identity).
 */
export function createOperationsMigration(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('operations')
        .addColumn('operation_id', 'text', (col) => col.primaryKey())
        .addColumn('operation_type', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('started_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addColumn('metadata', 'text', (col) => col.notNull())
        .addColumn('progress', 'text')
        .addColumn('progress_seq', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('result', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('cancel_requested_at', 'text')
        .addColumn('cancel_reason', 'text')
        .execute();
      // The list is newest first (created_at desc, operation_id desc), optionally filtered.
      await db.schema
        .createIndex('operations_created_idx')
        .on('operations')
        .columns(['created_at desc', 'operation_id desc'])
        .execute();
      await db.schema
        .createIndex('operations_status_created_idx')
        .on('operations')
        .columns(['status', 'created_at desc', 'operation_id desc'])
        .execute();
      await db.schema
        .createIndex('operations_type_created_idx')
        .on('operations')
        .columns(['operation_type', 'created_at desc', 'operation_id desc'])
        .execute();

      await db.schema
        .createTable('operation_events')
        .addColumn('operation_id', 'text', (col) =>
          col.notNull().references('operations.operation_id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('payload', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('operation_events_pk', ['operation_id', 'seq'])
        .execute();

      await db.schema
        .createTable('operation_metrics')
        .addColumn('id', 'integer', (col) =>
          kind === 'sqlite'
            ? col.primaryKey().autoIncrement()
            : col.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('operation_id', 'text', (col) =>
          col.notNull().references('operations.operation_id').onDelete('cascade'),
        )
        .addColumn('recorded_at', 'text', (col) => col.notNull())
        .addColumn('data', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('operation_metrics_operation_idx')
        .on('operation_metrics')
        .columns(['operation_id', 'id'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('operation_metrics').execute();
      await db.schema.dropTable('operation_events').execute();
      await db.schema.dropTable('operations').execute();
    },
  };
}
