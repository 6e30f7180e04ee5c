/**
 * Child process of the queued staleness benchmark: the real API (AppModule, configured by the
 * environment: EXECUTION_MODE=queued, REDIS_URL, DATABASE_URL…) plus the relay bench routes, on
 * an ephemeral loopback port; prints `bench API listening on http://…`; stops on SIGTERM.
 */
import { Module } from '@nestjs/common';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../../src/app.module';
import { bootstrapBenchApi } from './bench-api.bootstrap';
import { RelayBenchController } from './relay-bench.controller';

@Module({ imports: [AppModule], controllers: [RelayBenchController] })
class RelayBenchAppModule {}

bootstrapBenchApi('bench API', () =>
  createHttpApp(RelayBenchAppModule, { logger: ['error', 'warn'] }),
);
