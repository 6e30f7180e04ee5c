import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HostApiKeyGuard } from './host-api-key.guard';
import { toHostErrorAnswer, writeJson } from './host-error-body';
import { HostErrorFilter } from './host-error.filter';
import { createHostValidationPipe } from './host-validation.pipe';

/** Options of {@link configureHostApp}. */
export interface HostAppOptions {
  /** JSON body size limit. Default `1mb`. */
  bodyLimit?: string;
  /**
   * How long the server keeps an idle keep-alive connection. Default 65000 ms, at least 5000.
   * The counterpart of the adapter's `freeSocketTimeoutMs` (default 4000), which must stay
   * below it: the client closes idle sockets first, so it never sends on a socket the server
   * is closing (the ECONNRESET the original saw).
   */
  keepAliveTimeoutMs?: number;
  /** Must exceed `keepAliveTimeoutMs` (Node's rule); default `keepAliveTimeoutMs + 1000`. */
  headersTimeoutMs?: number;
  /** Shared key required on every route but `/health` when set (`x-api-key` or Bearer). */
  apiKey?: string;
}

/** The smallest server keep-alive the adapters' default idle timeout (4000 ms) is safe with. */
export const MIN_HOST_KEEP_ALIVE_MS = 5000;

const configured = new WeakMap<NestExpressApplication, { apiKey: boolean }>();

/**
 * Applies what every host service shares: JSON body limit (body errors answered as JSON),
 * global `ValidationPipe` (transform, whitelist, forbidNonWhitelisted, field messages), the
 * `HostErrorFilter`, the API key guard when a key is set, shutdown hooks, and the keep-alive
 * settings of the HTTP server. Call it right after `NestFactory.create`, before `listen`.
 */
export function configureHostApp(
  app: NestExpressApplication,
  options: HostAppOptions = {},
): NestExpressApplication {
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 65_000;
  const headersTimeoutMs = options.headersTimeoutMs ?? keepAliveTimeoutMs + 1000;
  if (keepAliveTimeoutMs < MIN_HOST_KEEP_ALIVE_MS) {
    throw new Error(
      `keepAliveTimeoutMs must be ≥ ${MIN_HOST_KEEP_ALIVE_MS} (adapters close idle sockets after 4000 ms)`,
    );
  }
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new Error('headersTimeoutMs must be greater than keepAliveTimeoutMs');
  }
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  // Body-parser errors happen before Nest's pipeline: answer them in the same JSON shape.
  app.use(
    (error: unknown, _req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => {
      if (res.headersSent) return next(error);
      const { body } = toHostErrorAnswer(error);
      writeJson(res, body.statusCode, body);
    },
  );
  app.useGlobalPipes(createHostValidationPipe());
  app.useGlobalFilters(new HostErrorFilter());
  if (options.apiKey) app.useGlobalGuards(new HostApiKeyGuard(options.apiKey));
  // Exit 0 once drained, rather than re-raising the signal (which ends the process as killed).
  app.enableShutdownHooks([], { useProcessExit: true });
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.headersTimeout = headersTimeoutMs;
  configured.set(app, { apiKey: Boolean(options.apiKey) });
  return app;
}

/** Whether {@link configureHostApp} ran on `app` with an API key (undefined: not configured). */
export function hostAppHasApiKey(app: NestExpressApplication): boolean | undefined {
  return configured.get(app)?.apiKey;
}
