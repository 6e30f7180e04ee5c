import type { Type } from '@nestjs/common';

/** A header the API key may come in. */
export type ApiKeyHeader = 'authorization' | 'x-api-key';

/**
 * The app's OpenAPI document, served (public, no key) as Swagger UI at `/api/docs` and as JSON
 * at `/api/openapi.json` whatever the route prefix.
 */
export interface OpenApiOptions {
  title: string;
  /** Markdown shown at the top of the document. */
  description?: string;
  /** The document's version. Default `1`. */
  version?: string;
  /** Vendor extensions of the document's root, each named `x-…` (e.g. `x-socketio`). */
  extensions?: Readonly<Record<`x-${string}`, unknown>>;
  /** Schema classes no route names but the description or an extension refers to. */
  extraModels?: readonly Type<unknown>[];
}

/** Options of {@link HttpKitModule.forRoot}. */
export interface HttpKitOptions {
  /**
   * The shared key every route but `@Public()` ones requires (and the socket.io handshake, via
   * `ApiKeyVerifier`). Unset, null or empty: the app is open (bind it to loopback only).
   */
  apiKey?: string | null;
  /**
   * Where the key is read, in order; the first header present is the one checked.
   * Default `['authorization', 'x-api-key']`: `Authorization: Bearer <key>`, then `x-api-key`.
   */
  apiKeyHeaders?: readonly ApiKeyHeader[];
  /** Prefix of every route (`api/v1`). Default none. */
  apiPrefix?: string;
  /** Largest JSON body accepted (body-parser syntax). Default `1mb`. */
  jsonBodyLimit?: string;
  /**
   * Deepest nesting of objects/arrays accepted in a JSON body (default 64); deeper is a 400
   * `JSON_TOO_DEEP`, found by a scan of the bytes before parsing.
   */
  jsonMaxDepth?: number;
  /**
   * How long the server keeps an idle keep-alive connection. Default 65000 ms, at least 5000:
   * the adapters close idle sockets after 4000 ms (`freeSocketTimeoutMs`), before the server
   * does, so a client never sends on a socket the server is closing (ECONNRESET).
   */
  keepAliveTimeoutMs?: number;
  /** Must exceed `keepAliveTimeoutMs` (Node's rule). Default `keepAliveTimeoutMs + 1000`. */
  headersTimeoutMs?: number;
  /** Express ETags on answers. Default true; a host serving megabytes nobody revalidates: false. */
  etag?: boolean;
  /** Serve an OpenAPI document of the app's routes (Swagger UI + JSON). Default none. */
  openApi?: OpenApiOptions;
  /**
   * Browser origins (`https://host:port`) allowed to call the app from another origin, REST and
   * socket.io alike. Default none: no CORS headers at all.
   */
  corsOrigins?: readonly string[];
}

/** {@link HttpKitOptions} with every default applied and checked. */
export interface HttpKitSettings {
  readonly apiKey: string | null;
  readonly apiKeyHeaders: readonly ApiKeyHeader[];
  readonly apiPrefix: string | undefined;
  readonly jsonBodyLimit: string;
  readonly jsonMaxDepth: number;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly etag: boolean;
  readonly openApi: OpenApiOptions | null;
  readonly corsOrigins: readonly string[];
}

/** The smallest server keep-alive the adapters' default idle timeout (4000 ms) is safe with. */
export const MIN_KEEP_ALIVE_MS = 5000;

/** Applies the defaults; throws on keep-alive settings that would race the adapters. */
export function resolveHttpKitSettings(options: HttpKitOptions): HttpKitSettings {
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 65_000;
  const headersTimeoutMs = options.headersTimeoutMs ?? keepAliveTimeoutMs + 1000;
  if (keepAliveTimeoutMs < MIN_KEEP_ALIVE_MS) {
    throw new Error(
      `keepAliveTimeoutMs must be ≥ ${MIN_KEEP_ALIVE_MS} (adapters close idle sockets after 4000 ms)`,
    );
  }
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new Error('headersTimeoutMs must be greater than keepAliveTimeoutMs');
  }
  const jsonMaxDepth = options.jsonMaxDepth ?? 64;
  if (!Number.isInteger(jsonMaxDepth) || jsonMaxDepth < 1) {
    throw new Error('jsonMaxDepth must be a positive integer');
  }
  const apiKeyHeaders = options.apiKeyHeaders ?? ['authorization', 'x-api-key'];
  if (apiKeyHeaders.length === 0) throw new Error('apiKeyHeaders must name at least one header');
  return {
    apiKey: options.apiKey ? options.apiKey : null,
    apiKeyHeaders,
    apiPrefix: options.apiPrefix,
    jsonBodyLimit: options.jsonBodyLimit ?? '1mb',
    jsonMaxDepth,
    keepAliveTimeoutMs,
    headersTimeoutMs,
    etag: options.etag ?? true,
    openApi: options.openApi ?? null,
    corsOrigins: options.corsOrigins ?? [],
  };
}
