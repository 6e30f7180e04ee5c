import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpApp } from '@ktrdr/http-kit';
import { FixtureAppModule, type FixtureAppOptions } from './fixture-app.module';

/** The fixture app, listening on an ephemeral loopback port. */
export interface FixtureApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` (routes under `/api/v1`). */
  url: string;
  close: () => Promise<void>;
}

/** Boots {@link FixtureAppModule} (the HTTP kit gives it the API's prefix, validation and errors). */
export async function createFixtureApp(options: FixtureAppOptions): Promise<FixtureApp> {
  const app = await createHttpApp(FixtureAppModule.forRoot(options), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
