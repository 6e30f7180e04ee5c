import { sql } from 'kysely';
import { StorageFullError } from '@ktrdr/http-kit';
import { OPERATIONS_DATABASE } from '../operations.constants';
import type { DatabaseHandle } from '../persistence/database.types';
import { OperationsRepository } from '../persistence/operations.repository';
import { type BootedOperations, bootOperations } from '../testing/boot-operations';
import { createTestDatabase, type TestDatabase } from '../testing/operations-test-database';
import { OperationAlreadyFinishedError } from './operations.errors';
import { OperationsService } from './operations.service';

/**
 * A full disk under the SQLite file, for real: `max_page_count` pinned to the file's size makes
 * every write that needs a new page fail with SQLITE_FULL (results of a few KB need overflow
 * pages), and raising it again is the disk freed.
 */
describe('OperationsService when the storage is full (SQLite SQLITE_FULL)', () => {
  let db: TestDatabase;
  let booted: BootedOperations;
  let service: OperationsService;
  let handle: DatabaseHandle;
  const bigResult = { rows: 'x'.repeat(64 * 1024) };

  beforeEach(async () => {
    db = createTestDatabase('sqlite');
    booted = await bootOperations(db.options);
    service = booted.app.get(OperationsService);
    handle = booted.app.get<DatabaseHandle>(OPERATIONS_DATABASE);
  });
  afterEach(async () => {
    await freeDisk();
    await booted.app.close();
    await db.cleanup();
  });

  async function fillDisk(): Promise<void> {
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(handle.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(handle.db);
  }
  async function freeDisk(): Promise<void> {
    await sql.raw('pragma max_page_count = 1073741823').execute(handle.db);
  }

  /** Resolves once the repository has stored an end for `operationId`. */
  function whenStored(operationId: string): Promise<void> {
    const repository = booted.app.get(OperationsRepository);
    const finish = repository.finish.bind(repository);
    return new Promise((resolve) => {
      jest.spyOn(repository, 'finish').mockImplementation(async (id, ...rest) => {
        const ended = await finish(id, ...rest);
        if (id === operationId && ended !== undefined) resolve();
        return ended;
      });
    });
  }

  it('keeps the end in memory, serves it, reports the problem, and writes it once space is back', async () => {
    const op = await service.create({ operation_type: 'dummy' });
    await service.markRunning(op.operation_id);
    const stored = whenStored(op.operation_id);
    await fillDisk();

    await expect(
      service.finish(op.operation_id, { kind: 'completed', result: bigResult }),
    ).resolves.toBe('completed');
    // Served from memory, final: a cancel is refused; health has something to say.
    await expect(service.get(op.operation_id)).resolves.toMatchObject({
      status: 'completed',
      result: bigResult,
    });
    await expect(service.cancel(op.operation_id)).rejects.toBeInstanceOf(
      OperationAlreadyFinishedError,
    );
    expect(service.storageProblem()).toMatchObject({
      code: 'STORAGE_FULL',
      pending_ends: 1,
    });
    // New work is refused with the storage error, not an anonymous one.
    await expect(
      service.create({ operation_type: 'dummy', metadata: { parameters: bigResult } }),
    ).rejects.toBeInstanceOf(StorageFullError);

    await freeDisk();
    await stored;
    const row = await booted.app.get(OperationsRepository).findById(op.operation_id);
    expect(row).toMatchObject({ status: 'completed', result: bigResult });
    expect(service.storageProblem()).toBeNull();
    const events = await booted.app.get(OperationsRepository).listEvents(op.operation_id, 0);
    expect(events.filter((e) => e.kind === 'status')).toHaveLength(1);
  });

  it('ends a cancelling operation cancelled once the write lands', async () => {
    const op = await service.create({ operation_type: 'dummy' });
    await service.markRunning(op.operation_id);
    await service.cancel(op.operation_id, 'user requested');
    const stored = whenStored(op.operation_id);
    await fillDisk();
    await expect(
      service.finish(op.operation_id, { kind: 'completed', result: bigResult }),
    ).resolves.toBe('cancelled');
    await expect(service.get(op.operation_id)).resolves.toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'user requested' },
    });
    await freeDisk();
    await stored;
    await expect(
      booted.app.get(OperationsRepository).findById(op.operation_id),
    ).resolves.toMatchObject({ status: 'cancelled' });
  });
});
