import { Injectable, Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import type { OperationRunContext } from '@ktrdr/async-infrastructure';
import Redis from 'ioredis';
import { OperationsModule } from '../../operations.module';
import type { QueuedExecutionOptions } from '../../operations.module-definition';
import { OperationsService } from '../../registry/operations.service';
import { createTestDatabase, type TestDatabase } from '../../testing/operations-test-database';
import { OperationHandler, type OperationHandlerInstance } from '../operation-handler';
import { OperationLauncher } from '../operation-launcher';
import { OperationExecutor } from '../operation-executor';
import { QueuedExecutionNeedsPostgresError } from './queued-execution.errors';

const REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runs: string[] = [];

@Injectable()
@OperationHandler('counted')
class CountedOperation implements OperationHandlerInstance<{ n: number }, { n: number }> {
  run(params: { n: number }, ctx: OperationRunContext): Promise<{ n: number }> {
    runs.push(ctx.operationId);
    return Promise.resolve(params);
  }
}

async function boot(db: TestDatabase, queued: QueuedExecutionOptions): Promise<TestingModule> {
  const app = await Test.createTestingModule({
    imports: [OperationsModule.forRoot({ ...db.options, queued, shutdownGraceMs: 1000 })],
    providers: [CountedOperation],
  }).compile();
  app.useLogger(false);
  await app.init();
  return app;
}

describe('BullOperationExecutor (real PostgreSQL and Redis)', () => {
  const prefix = `ktrdr-test-${randomBytes(5).toString('hex')}`;
  const options = (role: 'api' | 'worker', redisUrl = REDIS_URL): QueuedExecutionOptions => ({
    redisUrl,
    redisPrefix: prefix,
    workerId: `${role}-1`,
    role,
    concurrency: { counted: 4 },
  });
  let db: TestDatabase;
  const apps: TestingModule[] = [];

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    db = createTestDatabase('postgres');
    runs.length = 0;
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await db.cleanup();
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('refuses a SQLite registry at boot', async () => {
    const sqlite = createTestDatabase('sqlite');
    try {
      await expect(boot(sqlite, options('api'))).rejects.toBeInstanceOf(
        QueuedExecutionNeedsPostgresError,
      );
    } finally {
      await sqlite.cleanup();
    }
  });

  it('the API role only enqueues; a worker runs each operation once', async () => {
    const api = await boot(db, options('api'));
    apps.push(api);
    expect(api.get(OperationExecutor).durable).toBe(true);
    const launcher = api.get(OperationLauncher);
    const ids = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const op = await launcher.launch({ operation_type: 'counted', params: { n } });
        return op.operation_id;
      }),
    );
    const service = api.get(OperationsService);
    // Nobody takes them yet: the API role does not process.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await Promise.all(ids.map((id) => service.get(id)))).map((op) => op.status)).toEqual(
      ids.map(() => 'pending'),
    );

    apps.push(await boot(db, options('worker')));
    for (const id of ids) {
      for (let i = 0; i < 100 && (await service.get(id)).status !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const done = await Promise.all(ids.map((id) => service.get(id)));
    expect(done.map((op) => [op.status, op.result])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => ['completed', { n }]),
    );
    expect([...runs].sort()).toEqual([...ids].sort());
  });
});
