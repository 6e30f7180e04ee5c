import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';
import { validateEnv } from './env.validation';

/**
 * Validates the environment at boot and provides `AppConfig` everywhere. Only real environment
 * variables are read (no `.env` file: use `node --env-file=.env` if you want one), so main.ts,
 * which validates first to print a clean error, and this module always agree.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv })],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => AppConfig.fromConfigService(config),
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
