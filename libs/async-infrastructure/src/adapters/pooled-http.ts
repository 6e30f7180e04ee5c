import { HttpService } from '@nestjs/axios';
import { HttpAgent, HttpsAgent } from 'agentkeepalive';
import axios, { type AxiosResponse, type CancelTokenSource } from 'axios';
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
 * TCP keep-alive probe delay. axios sets 60 s on every socket it is given, and node's agent
 * sets its own `keepAliveMsecs` (1 s by default) each time a socket goes back to the pool:
 * two different values meant two `setsockopt` calls per request (~6% of a pooled call's CPU).
 * One value for both makes them no-ops.
 */
const TCP_KEEP_ALIVE_MS = 60_000;

/** Headers of a call with a JSON body (one shared object: axios copies it). */
export const JSON_BODY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
});

/**
 * Creates the keep-alive agent (for the base URL's protocol; `keepAlive: false` makes it a
 * connection-per-request agent) and an axios instance using only that agent, wrapped in Nest's
 * `HttpService`. Statuses are not thrown by axios (the adapter classifies them, which spares
 * an `AxiosError` with its stack per non-2xx answer), redirects are not followed and
 * environment proxies are ignored: a host service is reached directly.
 *
 * The instance does only the per-request work the adapter needs: no request or response
 * transforms (the adapter serialises the body once per call, see {@link encodeBody}, and
 * parses the answer once, see {@link decodeBody}), answers read as text, flat default headers
 * (nothing to merge per method), and the query string built by the adapter.
 */
export function createPooledHttp(options: ResolvedAdapterOptions): PooledHttp {
  const agentOptions = {
    keepAlive: options.keepAlive,
    keepAliveMsecs: TCP_KEEP_ALIVE_MS,
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
    validateStatus: null,
    responseType: 'text',
    transformRequest: [],
    transformResponse: [],
    transitional: { clarifyTimeoutError: true },
  });
  // Flat: axios would otherwise merge its `common` and per-method header buckets on every call.
  instance.defaults.headers = {
    accept: 'application/json',
    ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
    // Without it node's agent still hands a finished socket to a queued request.
    ...(options.keepAlive ? {} : { connection: 'close' }),
  } as unknown as typeof instance.defaults.headers;
  return { agent, http: new HttpService(instance), lifetime: axios.CancelToken.source() };
}

/** A call's body as sent: serialised once per call (every attempt sends the same string). */
export function encodeBody(body: unknown): string | undefined {
  return body === undefined ? undefined : JSON.stringify(body);
}

/**
 * The answer's body: parsed JSON, or the text itself when it is not JSON (a proxy's HTML
 * error page), or undefined when empty.
 */
export function decodeBody(response: AxiosResponse): unknown {
  const text: unknown = response.data;
  if (typeof text !== 'string') return text;
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `path?query` (undefined values left out), so axios has no params to serialise. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | undefined> | undefined,
): string {
  if (!query) return path;
  let search = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    search += `${search ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return path + search;
}
