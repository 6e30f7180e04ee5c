import type { RetryPolicyOptions } from '../retry/retry-policy';

/**
 * Retry settings of one adapter: the process's one {@link RetryPolicyOptions} (full-jitter
 * backoff, retry budget; a host's `Retry-After` is waited as asked, above `maxDelayMs`, up to
 * `RETRY_AFTER_MAX_MS`). What is retried at all: GETs and calls marked idempotent, failing
 * with a transient network error, a timeout, 429, 502 (without a host error code), 503, 504.
 */
export type AdapterRetryOptions = RetryPolicyOptions;

/** Options of an {@link AsyncServiceAdapter}; one adapter instance = one connection pool. */
export interface AsyncServiceAdapterOptions {
  /** Short name used in statistics, errors and logs (`ib-data`, `training`). */
  name: string;
  /** Root URL of the host service, e.g. `http://127.0.0.1:5001`. */
  baseUrl: string;
  /** Most concurrent sockets to the host (data host 10, training host 5); more calls queue. */
  maxSockets: number;
  /**
   * How long an idle pooled socket is kept before the client closes it. Default 4000 ms.
   * MUST stay below the host server's `keepAliveTimeout` (the http-kit sets 5000 ms or
   * more, 65000 by default): the side that closes an idle connection must be the client,
   * otherwise a request sent on a socket the server is closing fails with ECONNRESET.
   */
  freeSocketTimeoutMs?: number;
  /**
   * Reuse connections (the pool). Default true. `false` opens a new connection per request and
   * closes it after the answer (`Connection: close`, no socket reuse): what a client without a
   * pool does, kept to measure the pool against (`npm run bench:data-load`).
   */
  keepAlive?: boolean;
  /** Timeout of one attempt (connect + response). Default 30000 ms. */
  timeoutMs?: number;
  /** Retry settings; each field falls back to its default. */
  retry?: Partial<AdapterRetryOptions>;
  /** Shared key sent as `x-api-key` when the host requires one. */
  apiKey?: string;
  /** Path of the host's health route. Default `/health`. */
  healthPath?: string;
  /** How long a health answer is reused. Default 2000 ms. */
  healthCacheMs?: number;
}

/** An adapter's retry defaults: 3 attempts, backoff 100 ms → 5 s, budget 20% + 10. */
export const DEFAULT_RETRY_OPTIONS: Readonly<AdapterRetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5000,
  budgetRatio: 0.2,
  budgetFloor: 10,
};

/** The options with every default filled in. */
export interface ResolvedAdapterOptions {
  name: string;
  baseUrl: string;
  maxSockets: number;
  freeSocketTimeoutMs: number;
  keepAlive: boolean;
  timeoutMs: number;
  retry: AdapterRetryOptions;
  apiKey: string | undefined;
  healthPath: string;
  healthCacheMs: number;
}

/** Fills defaults and rejects nonsensical values with a message naming the adapter. */
export function resolveAdapterOptions(options: AsyncServiceAdapterOptions): ResolvedAdapterOptions {
  const resolved: ResolvedAdapterOptions = {
    name: options.name,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    maxSockets: options.maxSockets,
    freeSocketTimeoutMs: options.freeSocketTimeoutMs ?? 4000,
    keepAlive: options.keepAlive ?? true,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY_OPTIONS, ...options.retry },
    apiKey: options.apiKey,
    healthPath: options.healthPath ?? '/health',
    healthCacheMs: options.healthCacheMs ?? 2000,
  };
  const problems: string[] = [];
  if (!/^https?:\/\/[^/]+/.test(resolved.baseUrl)) problems.push(`baseUrl "${options.baseUrl}"`);
  if (!(resolved.maxSockets >= 1)) problems.push('maxSockets must be ≥ 1');
  if (!(resolved.freeSocketTimeoutMs > 0)) problems.push('freeSocketTimeoutMs must be > 0');
  if (!(resolved.timeoutMs > 0)) problems.push('timeoutMs must be > 0');
  if (!(resolved.retry.maxAttempts >= 1)) problems.push('retry.maxAttempts must be ≥ 1');
  if (!(resolved.retry.budgetRatio >= 0)) problems.push('retry.budgetRatio must be ≥ 0');
  if (problems.length > 0) {
    throw new Error(`Invalid options for adapter "${options.name}": ${problems.join('; ')}`);
  }
  return resolved;
}
