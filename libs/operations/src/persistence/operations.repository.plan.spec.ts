import { CompiledQuery, sql } from 'kysely';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../testing/operations-test-database';
import { openMigratedDatabase } from './database.factory';
import type { DatabaseHandle } from './database.types';
import { OperationsRepository } from './operations.repository';
import type { OperationListQuery } from '../model/operations.types';
import { ACTIVE_STATUSES, type OperationStatus } from '../model/operation.types';

const ROWS = 100_000;
const BATCH = 1_000;
const TERMINAL: OperationStatus[] = ['completed', 'completed', 'failed', 'cancelled'];
const TYPES = ['data_load', 'training', 'dummy'];

/** Mostly terminal, as a real history: a few running, the newest 20 pending. */
function statusOf(i: number): OperationStatus {
  if (i >= ROWS - 20) return 'pending';
  return i % 1000 === 7 ? 'running' : TERMINAL[i % TERMINAL.length]!;
}

/** 100,000 operations, mostly terminal, spread over types and a year of creation times. */
async function seed(handle: DatabaseHandle): Promise<void> {
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  for (let offset = 0; offset < ROWS; offset += BATCH) {
    const rows = Array.from({ length: BATCH }, (_, k) => {
      const i = offset + k;
      const at = new Date(start + i * 300_000).toISOString();
      return {
        operation_id: `op_seed_${String(i).padStart(8, '0')}`,
        operation_type: TYPES[i % TYPES.length]!,
        status: statusOf(i),
        created_at: at,
        updated_at: at,
        metadata: '{}',
      };
    });
    await handle.db.insertInto('operations').values(rows).execute();
  }
  await sql`analyze`.execute(handle.db);
}

describe.each(TEST_DIALECTS)('operations list query plan with 100,000 rows on %s', (dialect) => {
  let db: TestDatabase;
  let handle: DatabaseHandle;
  let repository: OperationsRepository;

  beforeAll(async () => {
    db = createTestDatabase(dialect);
    handle = await openMigratedDatabase(db.options);
    repository = new OperationsRepository(handle);
    await seed(handle);
  }, 120_000);
  afterAll(async () => {
    await handle.db.destroy();
    await db.cleanup();
  });

  async function plan(query: OperationListQuery): Promise<string> {
    const compiled = repository.buildListQuery(query).compile();
    const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await handle.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]),
    );
    return result.rows
      .map((row) => String(dialect === 'sqlite' ? row.detail : row['QUERY PLAN']))
      .join('\n');
  }

  it.each<[string, Partial<OperationListQuery>, string]>([
    ['no filter', {}, 'operations_created_idx'],
    ['a status', { status: 'failed' }, 'operations_status_created_idx'],
    ['a type', { operation_type: 'training' }, 'operations_type_created_idx'],
    [
      'a status and a type',
      { status: 'failed', operation_type: 'training' },
      'operations_status_type_created_idx',
    ],
  ])('pages with %s through an index, without sorting', async (_name, filter, index) => {
    const text = await plan({ ...filter, limit: 50, offset: 0 });
    expect(text).toContain(index);
    if (dialect === 'sqlite') {
      expect(text).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(text).toMatch(/Index Scan/);
      expect(text).not.toMatch(/Seq Scan|Sort/);
    }
  });

  it('pages active operations through an index led by status', async () => {
    const text = await plan({ active_only: true, limit: 50, offset: 0 });
    // Either status index serves: the active set is small, so sorting it is cheap.
    expect(text).toMatch(/operations_status_(type_)?created_idx/);
    expect(text).not.toMatch(/Seq Scan|SCAN operations(?! USING)/);
  });

  it('answers a page with the right totals', async () => {
    const page = await repository.list({ status: 'failed', limit: 50, offset: 100 });
    expect(page.items).toHaveLength(50);
    expect(page.items.every((op) => op.status === 'failed')).toBe(true);
    const statuses = Array.from({ length: ROWS }, (_, i) => statusOf(i));
    expect(page.total).toBe(statuses.filter((status) => status === 'failed').length);
    expect(page.active_count).toBe(
      statuses.filter((status) => ACTIVE_STATUSES.includes(status)).length,
    );
    const { items } = await repository.list({ limit: 3, offset: 0 });
    expect(items.map((op) => op.operation_id)).toEqual([
      'op_seed_00099999',
      'op_seed_00099998',
      'op_seed_00099997',
    ]);
    expect(items[0]?.status).toBe('pending');
  });
});
