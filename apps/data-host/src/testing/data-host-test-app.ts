import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createHttpApp } from '@ktrdr/http-kit';
import type { MarketDataProvider } from '@ktrdr/market-data';
import { loadDataHostConfig } from '../config/data-host-config';
import { DataHostModule } from '../data-host.module';

/** A real data-host app listening on an ephemeral loopback port. */
export interface DataHostTestApp {
  readonly app: NestExpressApplication;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the data host as `main.ts` does (same module, same `createHttpApp`) from an
 * environment, optionally serving a given provider, on 127.0.0.1 and a free port.
 */
export async function startDataHost(
  env: Record<string, string | undefined> = {},
  provider?: MarketDataProvider,
): Promise<DataHostTestApp> {
  const config = loadDataHostConfig(env);
  const moduleRef = await Test.createTestingModule({
    imports: [DataHostModule.register(config, { provider })],
  }).compile();
  const app = await createHttpApp(moduleRef, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
