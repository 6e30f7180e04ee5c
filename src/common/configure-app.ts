import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { jsonBodyErrors } from './http/json-body-errors.middleware';
import { createValidationPipe } from './validation/create-validation-pipe';

export const API_PREFIX = 'api/v1';

/** Largest JSON body accepted; operation requests are small. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * Applies the whole HTTP/WebSocket setup to an app before `listen`/`init`. main.ts and the tests
 * both call it, so tests exercise the real setup. (The API-key guard is a global provider of
 * CommonModule, so it needs nothing here.)
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.setGlobalPrefix(API_PREFIX);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(jsonBodyErrors);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(new IoAdapter(app));
  // Exit 0 once drained, rather than re-raising the signal (which ends the process as killed).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
