import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DatabaseHandle } from './database.types';
import { createOperationsMigration } from './migrations/001-create-operations.migration';
import { statusTypeIndexMigration } from './migrations/002-status-type-index.migration';
import { operationLeasesMigration } from './migrations/003-operation-leases.migration';

/** The migrations, in code (no folder scanning, so the built app needs no extra files). */
class OperationsMigrationProvider implements MigrationProvider {
  constructor(private readonly handle: DatabaseHandle) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '001_create_operations': createOperationsMigration(this.handle.kind),
      '002_status_type_index': statusTypeIndexMigration,
      '003_operation_leases': operationLeasesMigration,
    });
  }
}

/** Brings the schema up to date; creates the PostgreSQL schema first when one is configured. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  if (handle.schema !== null) {
    await sql`create schema if not exists ${sql.id(handle.schema)}`.execute(handle.db);
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: new OperationsMigrationProvider(handle),
    // Named explicitly: without it Kysely takes a `kysely_migration_lock` table in ANY schema of
    // the database (another app's, another test's) as ours, skips creating it, then fails.
    ...(handle.schema === null ? {} : { migrationTableSchema: handle.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Operations database migration ${failed} failed: ${describe(error)}`, {
      cause: error,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
