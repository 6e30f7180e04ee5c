import { Module } from '@nestjs/common';
import { AsyncInfrastructureModule } from '@ktrdr/async-infrastructure';
import { CommonModule } from './common';
import { AppConfig, AppConfigModule } from './config';
import { DataModule } from './data';
import { DummyModule } from './dummy';
import { HealthModule } from './health';
import { OperationsApiModule, OperationsModule } from './operations';
import { TrainingModule } from './training';

/**
 * The API app: validated config, the API-key guard, operations infrastructure and routes, and
 * the data and training domains.
 */
@Module({
  imports: [
    AppConfigModule,
    CommonModule,
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
    TrainingModule,
  ],
})
export class AppModule {}
