import { Module } from '@nestjs/common';
import { HttpKitModule } from '@ktrdr/http-kit';
import { OperationsModule } from '@ktrdr/operations';
import { API_OPENAPI } from './app.openapi';
import { AppConfig, AppConfigModule } from './config';
import { DashboardModule } from './dashboard';
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
 * operation lifecycle and its routes, the data and training domains, and the dashboard at `/`.
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
        corsOrigins: config.corsOrigins,
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
    // Last: the page's fallback comes after every API route.
    DashboardModule.register(),
  ],
})
export class AppModule {}
