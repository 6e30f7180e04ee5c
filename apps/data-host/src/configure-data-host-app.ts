import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHostApp } from '@ktrdr/host-service';
import type { DataHostConfig } from './config/data-host-config';

/**
 * Everything `main.ts` applies to the app before listening (tests apply the same): the host
 * kit (validation, error filter, API key, keep-alive, shutdown hooks), and no ETag — bar
 * answers can be megabytes and no client revalidates them, so hashing them is wasted work.
 */
export function configureDataHostApp(
  app: NestExpressApplication,
  config: DataHostConfig,
): NestExpressApplication {
  configureHostApp(app, { apiKey: config.apiKey });
  app.set('etag', false);
  return app;
}
