import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHostApp } from '@ktrdr/host-service';
import type { TrainingHostConfig } from './config/training-host-config';

/**
 * Everything `main.ts` applies before listening (tests apply the same): the host kit
 * (validation, error filter, API key, keep-alive, shutdown hooks) with the session body limit
 * (JSON, gzip/deflate/br inflated by the body parser, the limit counting the inflated size),
 * and no ETag (answers are not revalidated; hashing artifacts' metadata would be wasted work).
 */
export function configureTrainingHostApp(
  app: NestExpressApplication,
  config: TrainingHostConfig,
): NestExpressApplication {
  configureHostApp(app, { apiKey: config.apiKey, bodyLimit: `${config.maxBodyMb}mb` });
  app.set('etag', false);
  return app;
}
