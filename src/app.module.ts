import { Module } from '@nestjs/common';
import { HttpKitModule } from '@ktrdr/http-kit';
import { OperationsModule } from '@ktrdr/operations';
import { API_OPENAPI } from './app.openapi';
import { AppConfig, AppConfigModule } from './config';
import { DataApiModule } from './data';
import { DummyApiModule } from './dummy';
import { HealthModule } from './health';
import { OPERATION_HANDLER_MODULES } from './operation-handler-modules';
import { OperationsApiModule } from './operations';
import { TrainingApiModule } from './training';

/** Every route of the API is under it. */
export const API_PREFIX = 'api/v1';

/**
 * The API app: validated config, the HTTP kit (errors, validation, API key, request ids), the
 * operation lifecycle and its routes, and the data and training domains.
 */
@Module({
  imports: [
    AppConfigModule,
    HttpKitModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        apiKey: config.apiKey,
        apiPrefix: API_PREFIX,
        openApi: API_OPENAPI,
      }),
    }),
    OperationsModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        databaseUrl: config.databaseUrl,
        shutdownGraceMs: config.shutdownGraceMs,
        queued: config.queuedExecution('api'),
      }),
    }),
    OperationsApiModule,
    HealthModule,
    ...OPERATION_HANDLER_MODULES,
    DummyApiModule,
    DataApiModule,
    TrainingApiModule,
  ],
})
export class AppModule {}
