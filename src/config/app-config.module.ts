import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Provides `AppConfig` everywhere, validated once from the real environment variables (no `.env`
 * file: use `node --env-file=.env` if you want one), so main.ts, which validates first to print a
 * clean error, and this module always agree.
 */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => AppConfig.fromEnv(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
