/**
 * Child process of the data benchmarks: the real API (AppModule, createHttpApp) on an ephemeral
 * loopback port, configured by the environment like src/main.ts (DATA_DIR, USE_IB_HOST_SERVICE,
 * IB_HOST_SERVICE_URL…). `DATA_BENCH_KEEP_ALIVE` (default `true`) is handed to the data host
 * adapter: `true` is the product as configured (the pool); `false` is the client the original
 * had, a connection per request (`Connection: close`), to measure the pool against. Nothing
 * else differs between the two. Prints `data bench API listening on http://…`; stops on SIGTERM.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AdapterRegistry } from '@ktrdr/async-infrastructure';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../../src/app.module';
import { bootstrapBenchApi } from './bench-api.bootstrap';
import {
  HostAdapterFactory,
  type IbDataAdapter,
  type IbDataAdapterOptions,
} from '../../../src/host-adapters';

/** The product's factory, with the adapter's connection reuse chosen by the benchmark. */
class KeepAliveChoiceFactory extends HostAdapterFactory {
  constructor(
    registry: AdapterRegistry,
    private readonly keepAlive: boolean,
  ) {
    super(registry);
  }

  override ibData(options: IbDataAdapterOptions): IbDataAdapter {
    return super.ibData({ ...options, keepAlive: this.keepAlive });
  }
}

function keepAliveFromEnv(): boolean {
  const value = process.env.DATA_BENCH_KEEP_ALIVE ?? 'true';
  if (value !== 'true' && value !== 'false') {
    throw new Error(`DATA_BENCH_KEEP_ALIVE must be true or false, got "${value}"`);
  }
  return value === 'true';
}

/** Built like a testing module so the factory can be swapped; both variants are built alike. */
async function createApp(keepAlive: boolean): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(HostAdapterFactory)
    .useFactory({
      factory: (registry: AdapterRegistry) => new KeepAliveChoiceFactory(registry, keepAlive),
      inject: [AdapterRegistry],
    })
    .compile();
  return createHttpApp(moduleRef, { logger: ['error', 'warn'] });
}

bootstrapBenchApi('data bench API', () => createApp(keepAliveFromEnv()));
