import { HttpService } from '@nestjs/axios';
import { HttpAgent, HttpsAgent } from 'agentkeepalive';
import axios, { type CancelTokenSource } from 'axios';
import type { ResolvedAdapterOptions } from './adapter-options';

/** One adapter's connection pool and the HTTP client bound to it. */
export interface PooledHttp {
  agent: HttpAgent | HttpsAgent;
  http: HttpService;
  /**
   * The pool's lifetime as an axios CancelToken: passed to every call, cancelled by `close()`
   * to stop every in-flight call at once. (Given explicitly, it also stops `HttpService` from
   * making and cancelling a token per call, which builds a `CanceledError` with its stack trace
   * after every completed call: ~5% of the client's CPU.) Each call's own cancellation is its
   * `AbortSignal`.
   */
  lifetime: CancelTokenSource;
}

/**
 * Creates the keep-alive agent (for the base URL's protocol; `keepAlive: false` makes it a
 * connection-per-request agent) and an axios instance using only
 * that agent, wrapped in Nest's `HttpService`. Statuses are not thrown by axios (the adapter
 * classifies them), redirects are not followed and environment proxies are ignored: a host
 * service is reached directly.
 */
export function createPooledHttp(options: ResolvedAdapterOptions): PooledHttp {
  const agentOptions = {
    keepAlive: options.keepAlive,
    maxSockets: options.maxSockets,
    maxFreeSockets: options.maxSockets,
    freeSocketTimeout: options.freeSocketTimeoutMs,
  };
  const https = options.baseUrl.startsWith('https:');
  const agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const instance = axios.create({
    baseURL: options.baseUrl,
    ...(https ? { httpsAgent: agent } : { httpAgent: agent }),
    timeout: options.timeoutMs,
    proxy: false,
    maxRedirects: 0,
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true },
    headers: {
      accept: 'application/json',
      ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      // Without it node's agent still hands a finished socket to a queued request.
      ...(options.keepAlive ? {} : { connection: 'close' }),
    },
  });
  return { agent, http: new HttpService(instance), lifetime: axios.CancelToken.source() };
}
