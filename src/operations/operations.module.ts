import { Module } from '@nestjs/common';
import { OperationStore } from '@ktrdr/async-infrastructure';
import { InMemoryOperationEventBus } from './events/in-memory-operation-event-bus';
import { OperationEventBus } from './events/operation-event-bus';
import {
  ConfigurableOperationsModule,
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from './operations.module-definition';
import { OPERATIONS_DATABASE } from './operations.constants';
import { OperationsService } from './operations.service';
import { createDatabase } from './persistence/database.factory';
import { OperationMetricsRepository } from './persistence/operation-metrics.repository';
import { OperationsRepository } from './persistence/operations.repository';

/**
 * The operations registry (global): `OperationsModule.forRoot({ databaseUrl, schema? })`.
 * Provides `OperationsService` and binds it as the app's `OperationStore`. Needs the
 * `CancellationRegistry` of `AsyncInfrastructureModule` (global) in the same app.
 */
@Module({
  providers: [
    {
      provide: OPERATIONS_DATABASE,
      useFactory: (options: OperationsModuleOptions) => createDatabase(options),
      inject: [OPERATIONS_MODULE_OPTIONS],
    },
    OperationsRepository,
    OperationMetricsRepository,
    { provide: OperationEventBus, useClass: InMemoryOperationEventBus },
    OperationsService,
    { provide: OperationStore, useExisting: OperationsService },
  ],
  exports: [OperationsService, OperationStore],
})
export class OperationsModule extends ConfigurableOperationsModule {}
