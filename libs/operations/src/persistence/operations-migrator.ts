import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DatabaseHandle } from './database.types';
import { createOperationsMigration } from './migrations/001-create-operations.migration';
import { statusTypeIndexMigration } from './migrations/002-status-type-index.migration';
import { operationLeasesMigration } from './migrations/003-operation-leases.migration';
import { retryMigration } from './migrations/004-retry.migration';

/** The migrations, in code (no folder scanning, so the built app needs no extra files). */
class OperationsMigrationProvider implements MigrationProvider {
  constructor(private readonly handle: DatabaseHandle) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '001_create_operations': createOperationsMigration(this.handle.kind),
      '002_status_type_index': statusTypeIndexMigration,
      '003_operation_leases': operationLeasesMigration,
      '004_retry': retryMigration,
    });
  }
}

/** Brings the schema up to date; creates the PostgreSQL schema first when one is configured. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  if (handle.schema !== null) {
    await sql`create schema if not exists ${sql.id(handle.schema)}`.execute(handle.db);
  }
  // Named explicitly: without it Kysely takes a `kysely_migration_lock` table in ANY schema of
  // the database (another app's, another test's) as ours, skips creating it, then fails. A URL
  // that picks the schema itself (`options=-c search_path=…`) names it through current_schema().
  const schema = handle.schema ?? (handle.kind === 'postgres' ? await currentSchema(handle) : null);
  const migrator = new Migrator({
    db: handle.db,
    provider: new OperationsMigrationProvider(handle),
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Operations database migration ${failed} failed: ${describe(error)}`, {
      cause: error,
    });
  }
}

async function currentSchema(handle: DatabaseHandle): Promise<string | null> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    handle.db,
  );
  return rows[0]?.schema ?? null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
