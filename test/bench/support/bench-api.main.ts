/**
 * Child process of the benchmarks: the real API (AppModule, createHttpApp) plus BenchModule, on
 * an ephemeral loopback port; prints `bench API listening on http://…`. Configured by the
 * environment (DATA_DIR, DATABASE_URL…) like the product's main.ts; stops on SIGTERM.
 */
import { Module } from '@nestjs/common';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../../src/app.module';
import { bootstrapBenchApi } from './bench-api.bootstrap';
import { BenchModule } from './bench.module';

@Module({ imports: [AppModule, BenchModule] })
class BenchAppModule {}

bootstrapBenchApi('bench API', () => createHttpApp(BenchAppModule, { logger: ['error', 'warn'] }));
