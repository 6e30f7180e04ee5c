import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Provider } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../app.module';
import { AppConfig } from '../../config';

/** A real API app listening on an ephemeral loopback port, with its own SQLite file. */
export interface TestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` (no prefix). */
  url: string;
  config: AppConfig;
  dataDir: string;
  /** Closes the app (shutdown hooks included) and removes its temp folder. */
  close: () => Promise<void>;
}

/**
 * Boots AppModule exactly as main.ts does (createHttpApp, listen), for specs. `env` holds
 * environment variables as main.ts would read them; DATA_DIR defaults to a fresh temp folder.
 * The config is built from `env` alone, not from the test process's environment. Extra
 * `providers` (e.g. a test-only `@OperationHandler`) join the root module; `configure` may
 * override providers before the module compiles.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: {
    providers?: Provider[];
    configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ktrdr-api-'));
  const remove = (): void => rmSync(dataDir, { recursive: true, force: true });
  try {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: '2000', ...env });
    const builder = Test.createTestingModule({
      imports: [AppModule],
      providers: opts.providers ?? [],
    })
      .overrideProvider(AppConfig)
      .useValue(config);
    const moduleRef = await (opts.configure?.(builder) ?? builder).compile();
    const app = await createHttpApp(moduleRef, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      app,
      url,
      config,
      dataDir,
      close: async () => {
        try {
          await app.close();
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
