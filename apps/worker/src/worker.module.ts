import { Module } from '@nestjs/common';
import { HttpKitModule } from '@ktrdr/http-kit';
import { OperationsModule } from '@ktrdr/operations';
import { AppConfig, AppConfigModule } from '../../../src/config';
import { OPERATION_HANDLER_MODULES } from '../../../src/operation-handler-modules';
import { WorkerHealthController } from './health/worker-health.controller';

/**
 * A queued-mode worker (queued.md): the API's configuration, the operations lifecycle in the
 * `worker` role (it takes jobs from the Bull queues), the same domain handler modules as the API
 * (without their routes), and nothing served but `GET /health`.
 */
@Module({
  imports: [
    AppConfigModule,
    HttpKitModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ apiKey: config.apiKey }),
    }),
    OperationsModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        databaseUrl: config.databaseUrl,
        shutdownGraceMs: config.shutdownGraceMs,
        queued: config.queuedExecution('worker'),
      }),
    }),
    ...OPERATION_HANDLER_MODULES,
  ],
  controllers: [WorkerHealthController],
})
export class WorkerModule {}
