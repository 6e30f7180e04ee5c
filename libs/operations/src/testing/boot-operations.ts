import { Test, type TestingModule } from '@nestjs/testing';
import { CancellationRegistry } from '@ktrdr/async-infrastructure';
import { OperationExecutor } from '../execution/operation-executor';
import { OperationsModule } from '../operations.module';
import type { DatabaseOptions } from '../persistence/database.factory';

export interface BootedOperations {
  app: TestingModule;
  cancellations: CancellationRegistry;
}

/**
 * Boots OperationsModule as the app does (migrations, orphan sweep), its executor replaced by
 * one that is only `durable` (nothing the registry's tests create is ever run).
 */
export async function bootOperations(
  options: DatabaseOptions,
  executor: { durable: boolean } = { durable: false },
): Promise<BootedOperations> {
  const app = await Test.createTestingModule({ imports: [OperationsModule.forRoot(options)] })
    .overrideProvider(OperationExecutor)
    .useValue({
      durable: executor.durable,
      activeCount: 0,
      submit: () => Promise.resolve(),
      drain: () => Promise.resolve(true),
      stopAccepting: () => Promise.resolve(),
    })
    .compile();
  app.useLogger(false);
  await app.init();
  return { app, cancellations: app.get(CancellationRegistry) };
}
