import type {
  DummyOperationParams,
  ListOperationsQuery,
  OperationList,
  OperationRecord,
  StartedOperation,
} from './api.types';
import { ApiConnectionError, ApiError, UsageError } from './cli.errors';

export interface ApiClientOptions {
  /** Server root (`http://127.0.0.1:8000`) or the versioned base (`…/api/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
}

interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const API_PREFIX = '/api/v1';

/** Typed client for the ktrdr REST API (`/api/v1`) over Node's fetch. */
export class ApiClient {
  /** The versioned base every path is appended to, e.g. `http://127.0.0.1:8000/api/v1`. */
  readonly baseUrl: string;
  private readonly apiKey: string | undefined;

  constructor(options: ApiClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.apiKey = options.apiKey || undefined;
  }

  listOperations(query: ListOperationsQuery = {}, signal?: AbortSignal): Promise<OperationList> {
    return this.json('GET', '/operations', { query: { ...query }, signal });
  }

  getOperation(id: string, signal?: AbortSignal): Promise<OperationRecord> {
    return this.json('GET', `/operations/${encodeURIComponent(id)}`, { signal });
  }

  /** Requests a cancel: 202 with the operation (`cancelling` or `cancelled`). */
  cancelOperation(id: string, reason?: string, signal?: AbortSignal): Promise<OperationRecord> {
    const body = reason === undefined ? {} : { reason };
    return this.json('DELETE', `/operations/${encodeURIComponent(id)}`, { body, signal });
  }

  startDummy(params: DummyOperationParams, signal?: AbortSignal): Promise<StartedOperation> {
    return this.json('POST', '/operations/dummy', { body: params, signal });
  }

  /**
   * Opens the operation's SSE stream (resuming after `lastEventId` when given) and returns
   * the raw body; errors before the first byte arrive as ApiError / ApiConnectionError.
   */
  async openEvents(
    id: string,
    lastEventId: string | undefined,
    signal?: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const path = `/operations/${encodeURIComponent(id)}/events`;
    const response = await this.send('GET', path, { headers, signal });
    if (!response.body) throw new ApiError(response.status, undefined, 'empty event stream');
    return response.body;
  }

  private async json<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiConnectionError(this.baseUrl, error);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `HTTP ${response.status} ${response.statusText}`.trim();
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return new ApiError(response.status, undefined, fallback);
  }
  if (!payload || typeof payload !== 'object')
    return new ApiError(response.status, undefined, fallback);
  const { message, code } = payload as { message?: unknown; code?: unknown };
  const text = Array.isArray(message)
    ? message.map(String).join('; ')
    : typeof message === 'string'
      ? message
      : fallback;
  return new ApiError(response.status, typeof code === 'string' ? code : undefined, text);
}

/** `http://host:8000`, `http://host:8000/` and `http://host:8000/api/v1` all give `…/api/v1`. */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid API URL "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid API URL "${raw}": use http:// or https://`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(API_PREFIX) ? path : path + API_PREFIX;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
