import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CancellationRegistry, OperationContext } from '@ktrdr/async-infrastructure';
import { OperationEventBus } from './events/operation-event-bus';
import { OPERATION_EVENT_BUS_PROVIDER } from './events/operation-event-bus.provider';
import { OperationExecutor } from './execution/operation-executor';
import { OperationHandlerRegistry } from './execution/operation-handler.registry';
import { OperationLauncher } from './execution/operation-launcher';
import { OperationRunner } from './execution/operation-runner';
import { OperationStore } from './execution/operation-store';
import { EXECUTION_VENUE_PROVIDERS } from './execution/queued/queued-execution.providers';
import { ShutdownCoordinator } from './execution/shutdown-coordinator';
import {
  ConfigurableOperationsModule,
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from './operations.module-definition';
import { OPERATIONS_DATABASE } from './operations.constants';
import { openMigratedDatabase } from './persistence/database.factory';
import { OperationLeasesRepository } from './persistence/operation-leases.repository';
import { OperationMetricsRepository } from './persistence/operation-metrics.repository';
import { OperationsRepository } from './persistence/operations.repository';
import { OperationsService } from './registry/operations.service';
import { InstanceLock } from './registry/instance-lock';
import { OrphanSweeper } from './registry/orphan-sweeper';
import { QueuedExecutionProbe } from './execution/queued/queued-execution-probe';

/**
 * The whole operation lifecycle for any Nest app (the API, a fixture app, a worker): the
 * persisted registry (Kysely: SQLite | PostgreSQL, migrated at boot, orphans swept), live
 * events, `@OperationHandler` discovery, the launcher, the executor (in-process, or Bull queues
 * and worker processes with the `queued` option), the runner, cancellation and graceful shutdown. Global by default (`isGlobal: false` to opt out).
 *
 * Dependencies point one way: launcher → executor → runner → store (`OperationsService`);
 * the store never reaches back to the executor (the orphan sweep, which needs to know whether
 * the executor is durable, is a provider of its own).
 *
 * @example
 * imports: [OperationsModule.forRoot({ databaseUrl: 'data/ktrdr.sqlite', shutdownGraceMs: 10_000 })]
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: OPERATIONS_DATABASE,
      useFactory: (options: OperationsModuleOptions) => openMigratedDatabase(options),
      inject: [OPERATIONS_MODULE_OPTIONS],
    },
    OperationsRepository,
    OperationMetricsRepository,
    OperationLeasesRepository,
    OPERATION_EVENT_BUS_PROVIDER,
    CancellationRegistry,
    OperationContext,
    OperationsService,
    { provide: OperationStore, useExisting: OperationsService },
    OperationHandlerRegistry,
    OperationRunner,
    ...EXECUTION_VENUE_PROVIDERS,
    OperationLauncher,
    ShutdownCoordinator,
    InstanceLock,
    OrphanSweeper,
    QueuedExecutionProbe,
  ],
  exports: [
    OperationsService,
    OperationStore,
    OperationEventBus,
    CancellationRegistry,
    OperationContext,
    OperationHandlerRegistry,
    OperationRunner,
    OperationExecutor,
    OperationLauncher,
    ShutdownCoordinator,
    QueuedExecutionProbe,
  ],
})
export class OperationsModule extends ConfigurableOperationsModule {}
