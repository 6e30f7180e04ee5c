import { Module } from '@nestjs/common';
import { AsyncInfrastructureModule } from '@ktrdr/async-infrastructure';
import { HttpKitModule } from '@ktrdr/http-kit';
import { AppConfig, AppConfigModule } from './config';
import { DataModule } from './data';
import { DummyModule } from './dummy';
import { HealthModule } from './health';
import { OperationsApiModule, OperationsModule } from './operations';

/** Every route of the API is under it. */
export const API_PREFIX = 'api/v1';

/**
 * The API app: validated config, the HTTP kit (errors, validation, API key, request ids), operations infrastructure and routes, and
 * the data domain.
 */
@Module({
  imports: [
    AppConfigModule,
    HttpKitModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ apiKey: config.apiKey, apiPrefix: API_PREFIX }),
    }),
    AsyncInfrastructureModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ shutdownGraceMs: config.shutdownGraceMs }),
    }),
    OperationsModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ databaseUrl: config.databaseUrl }),
    }),
    OperationsApiModule,
    HealthModule,
    DummyModule,
    DataModule,
  ],
})
export class AppModule {}
