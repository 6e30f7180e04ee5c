import { Test } from '@nestjs/testing';
import { OperationExecutor } from '../execution/operation-executor';
import { OperationsModule } from '../operations.module';
import type { OperationsModuleOptions } from '../operations.module-definition';
import { createTestDatabase, type TestDatabase } from '../testing/operations-test-database';
import { createTestRedis, type TestRedis } from '../testing/redis-test-prefix';
import { InMemoryOperationEventBus } from './in-memory-operation-event-bus';
import { OperationEventBus } from './operation-event-bus';
import { RedisOperationEventBus } from './redis-operation-event-bus';

async function boot(options: OperationsModuleOptions) {
  const app = await Test.createTestingModule({ imports: [OperationsModule.forRoot(options)] })
    .overrideProvider(OperationExecutor)
    .useValue({ durable: true, activeCount: 0, submit: () => Promise.resolve() })
    .compile();
  app.useLogger(false);
  await app.init();
  return app;
}

describe('the event bus OperationsModule binds', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  beforeEach(async () => {
    db = createTestDatabase('postgres');
    redis = await createTestRedis();
  });
  afterEach(async () => {
    await redis.cleanup();
    await db.cleanup();
  });

  it('is the in-memory one without queued execution', async () => {
    const app = await boot(db.options);
    expect(app.get(OperationEventBus)).toBeInstanceOf(InMemoryOperationEventBus);
    await app.close();
  });

  it('is the Redis one in queued mode: connected and relaying once the module is up, closed with it', async () => {
    const app = await boot({
      ...db.options,
      queued: {
        redisUrl: redis.url,
        redisPrefix: redis.prefix,
        workerId: 'test:1',
        role: 'api',
        concurrency: {},
      },
    });
    const bus = app.get(OperationEventBus);
    expect(bus).toBeInstanceOf(RedisOperationEventBus);
    const redisBus = bus as RedisOperationEventBus;
    expect(redisBus.state()).toEqual({ publishing: true, relaying: true }); // an API relays at once
    await app.close();
    await redisBus.whenClosed();
    expect(redisBus.state().publishing).toBe(false);
  });
});
