import { Migrator, sql } from 'kysely';
import { createDatabase } from '../persistence/database.factory';
import { createOperationsMigration } from '../persistence/migrations/001-create-operations.migration';
import { statusTypeIndexMigration } from '../persistence/migrations/002-status-type-index.migration';
import { type BootedOperations, bootOperations } from '../testing/boot-operations';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../testing/operations-test-database';
import { OperationsService } from './operations.service';

const params = { symbol: 'AAPL', timeframe: '1h', start_ms: 1_700_000_000_000, end_ms: null };

describe.each(TEST_DIALECTS)('what a retry needs, stored on %s', (dialect) => {
  let db: TestDatabase;
  let booted: BootedOperations | undefined;

  beforeEach(() => {
    db = createTestDatabase(dialect);
  });
  afterEach(async () => {
    await booted?.app.close();
    booted = undefined;
    await db.cleanup();
  });

  async function boot(): Promise<OperationsService> {
    booted = await bootOperations(db.options);
    return booted.app.get(OperationsService);
  }

  it('stores the params beside the record (not in it) and retry_of in it', async () => {
    const service = await boot();
    const original = await service.create({ operation_type: 'data_load', params });
    const retry = await service.create({
      operation_type: 'data_load',
      params,
      metadata: { symbol: 'AAPL' },
      retry_of: original.operation_id,
    });

    expect(original.retry_of).toBeNull();
    expect(retry.retry_of).toBe(original.operation_id);
    const read = await service.get(retry.operation_id);
    expect(read).toEqual(retry);
    expect(read).not.toHaveProperty('params');
    const page = await service.list({ limit: 10, offset: 0 });
    // Created in the same millisecond, the two may list in either order.
    const listed = Object.fromEntries(page.items.map((op) => [op.operation_id, op.retry_of]));
    expect(listed).toEqual({
      [original.operation_id]: null,
      [retry.operation_id]: original.operation_id,
    });

    await expect(service.findLaunch(retry.operation_id)).resolves.toEqual({
      record: retry,
      params,
    });
    await expect(service.findLaunch('op_dummy_20250101_000000_deadbeef')).resolves.toBeUndefined();
  });

  it('keeps params that are null apart from params never stored', async () => {
    const service = await boot();
    const withNull = await service.create({ operation_type: 'dummy', params: null });
    const without = await service.create({ operation_type: 'dummy' });

    expect((await service.findLaunch(withNull.operation_id))?.params).toBeNull();
    expect((await service.findLaunch(without.operation_id))?.params).toBeUndefined();
  });

  it('migrates a database of the previous version: its operations have no params, no retry_of', async () => {
    const handle = createDatabase(db.options);
    try {
      if (handle.schema !== null) {
        await sql`create schema if not exists ${sql.id(handle.schema)}`.execute(handle.db);
      }
      const migrator = new Migrator({
        db: handle.db,
        provider: {
          getMigrations: () =>
            Promise.resolve({
              '001_create_operations': createOperationsMigration(handle.kind),
              '002_status_type_index': statusTypeIndexMigration,
            }),
        },
        ...(handle.schema === null ? {} : { migrationTableSchema: handle.schema }),
      });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await sql`insert into operations (operation_id, operation_type, status, created_at, updated_at, metadata)
        values ('op_dummy_20250101_000000_00000001', 'dummy', 'failed',
                '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '{}')`.execute(handle.db);
    } finally {
      await handle.db.destroy();
    }

    const service = await boot();
    const old = await service.findLaunch('op_dummy_20250101_000000_00000001');
    expect(old).toEqual({
      record: expect.objectContaining({ status: 'failed', retry_of: null }),
      params: undefined,
    });
  });
});
