import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigurableModuleClass } from './async-infrastructure.module-definition';
import { CancellationRegistry } from './cancellation/cancellation-registry';
import { OperationContext } from './context/operation-context';
import { InProcessExecutor } from './operations/in-process-executor';
import { OperationExecutor } from './operations/operation-executor';
import { OperationHandlerRegistry } from './operations/operation-handler.registry';
import { OperationLauncher } from './operations/operation-launcher';
import { OperationRunner } from './operations/operation-runner';
import { ShutdownCoordinator } from './orchestrator/shutdown-coordinator';

/**
 * Operations as cancellable, observable work for any Nest app: cancellation tokens, the
 * current operation's context, handler discovery (`@OperationHandler`), the runner, the
 * in-process executor, the launcher and graceful shutdown. Global by default
 * (`isGlobal: false` to opt out).
 *
 * It does NOT provide `OperationStore`: the app must make an implementation injectable
 * everywhere (the API's OperationsModule provides and exports it globally).
 *
 * @example
 * imports: [
 *   OperationsModule.forRoot({ databaseUrl }),
 *   AsyncInfrastructureModule.forRoot({ shutdownGraceMs: 10_000 }),
 * ]
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    CancellationRegistry,
    OperationContext,
    OperationHandlerRegistry,
    OperationRunner,
    { provide: OperationExecutor, useClass: InProcessExecutor },
    OperationLauncher,
    ShutdownCoordinator,
  ],
  exports: [
    CancellationRegistry,
    OperationContext,
    OperationHandlerRegistry,
    OperationRunner,
    OperationExecutor,
    OperationLauncher,
    ShutdownCoordinator,
  ],
})
export class AsyncInfrastructureModule extends ConfigurableModuleClass {}
