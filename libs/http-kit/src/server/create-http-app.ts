import type { Server } from 'node:http';
import type { DynamicModule, LogLevel, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestingModule } from '@nestjs/testing';
import { HTTP_KIT_SETTINGS } from '../http-kit.constants';
import { setupOpenApi } from '../openapi/setup-open-api';
import type { HttpKitSettings } from '../http-kit.options';
import { ContextLogger } from '../request/context-logger';
import { CorsIoAdapter, corsOptionsFor } from './cors-io.adapter';

/** Options of {@link createHttpApp}: Nest's, with `logger` limited to levels or `false`. */
export interface CreateHttpAppOptions extends Omit<NestApplicationOptions, 'logger'> {
  /** Log levels to print (default Nest's), or false for none. */
  logger?: LogLevel[] | false;
}

/**
 * Creates an Express app from a root module importing `HttpKitModule` (or from a compiled
 * testing module, so specs boot exactly what `main.ts` does) and applies the kit's app-level
 * settings: route prefix, CORS (REST and socket.io) when `corsOrigins` is set, server keep-alive, ETag, the request/operation-aware logger, the
 * OpenAPI document and Swagger UI (when `openApi` is set), and shutdown hooks (SIGINT/SIGTERM
 * close the app, then the process exits 0). Open
 * connections are force-closed on shutdown so a long stream cannot hold `close()` forever; a
 * failing boot rejects instead of exiting the process.
 */
export async function createHttpApp(
  root: Type<unknown> | DynamicModule | TestingModule,
  options: CreateHttpAppOptions = {},
): Promise<NestExpressApplication> {
  const { logger: levels, ...rest } = options;
  const nestOptions: NestApplicationOptions = {
    forceCloseConnections: true,
    // A failing boot rejects (main.ts reports it and exits 1) rather than exiting from inside Nest.
    abortOnError: false,
    // Bodies are parsed by the kit's JsonBodyInterceptor, after the API-key guard.
    bodyParser: false,
    ...rest,
    ...(levels === false ? { logger: false } : { bufferLogs: true }),
  };
  const app =
    'createNestApplication' in root
      ? root.createNestApplication<NestExpressApplication>(nestOptions)
      : await NestFactory.create<NestExpressApplication>(root, nestOptions);
  const settings = kitSettings(app);
  if (levels !== false) {
    const logger = app.get(ContextLogger);
    if (levels) logger.setLogLevels(levels);
    app.useLogger(logger);
  }
  if (settings.apiPrefix) app.setGlobalPrefix(settings.apiPrefix);
  if (settings.corsOrigins.length > 0) {
    app.enableCors(corsOptionsFor(settings.corsOrigins));
    app.useWebSocketAdapter(new CorsIoAdapter(app, settings.corsOrigins));
  }
  if (!settings.etag) app.set('etag', false);
  setupOpenApi(app, settings);
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  server.headersTimeout = settings.headersTimeoutMs;
  // Exit 0 once drained, rather than re-raising the signal (which ends the process as killed).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}

/** The kit's settings of `app`; a named error when its root module lacks `HttpKitModule`. */
export function kitSettings(app: NestExpressApplication): HttpKitSettings {
  try {
    return app.get<HttpKitSettings>(HTTP_KIT_SETTINGS);
  } catch (error) {
    throw new Error('createHttpApp: the root module must import HttpKitModule.forRoot(…)', {
      cause: error,
    });
  }
}
