import { type DynamicModule, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { CancellationRegistry, OperationExecutor } from '@ktrdr/async-infrastructure';
import { OperationsModule } from '../operations.module';
import type { DatabaseOptions } from '../persistence/database.factory';

@Module({})
class FakeAsyncInfrastructureModule {}

export interface BootedOperations {
  app: TestingModule;
  cancellations: CancellationRegistry;
}

/**
 * Boots OperationsModule as the app does (migrations, reconciliation), next to a stand-in for
 * AsyncInfrastructureModule: a real CancellationRegistry and an executor that is only `durable`.
 */
export async function bootOperations(
  options: DatabaseOptions,
  executor: { durable: boolean } = { durable: false },
): Promise<BootedOperations> {
  const cancellations = new CancellationRegistry();
  const infrastructure: DynamicModule = {
    module: FakeAsyncInfrastructureModule,
    global: true,
    providers: [
      { provide: CancellationRegistry, useValue: cancellations },
      { provide: OperationExecutor, useValue: executor },
    ],
    exports: [CancellationRegistry, OperationExecutor],
  };
  const app = await Test.createTestingModule({
    imports: [infrastructure, OperationsModule.forRoot(options)],
  }).compile();
  app.useLogger(false);
  await app.init();
  return { app, cancellations };
}
