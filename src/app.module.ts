import { Module } from '@nestjs/common';
import { OperationsModule } from '@ktrdr/operations';
import { CommonModule } from './common';
import { AppConfig, AppConfigModule } from './config';
import { DataModule } from './data';
import { DummyModule } from './dummy';
import { HealthModule } from './health';
import { OperationsApiModule } from './operations';

/**
 * The API app: validated config, the API-key guard, the operation lifecycle and its routes, and
 * the data domain.
 */
@Module({
  imports: [
    AppConfigModule,
    CommonModule,
    OperationsModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        databaseUrl: config.databaseUrl,
        shutdownGraceMs: config.shutdownGraceMs,
      }),
    }),
    OperationsApiModule,
    HealthModule,
    DummyModule,
    DataModule,
  ],
})
export class AppModule {}
