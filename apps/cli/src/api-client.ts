import type {
  ColumnarBarsPage,
  CsvImportResult,
  DataLoadRequest,
  DummyOperationParams,
  ListOperationsQuery,
  ModelList,
  ModelVersionInfo,
  OperationList,
  PredictRequest,
  PredictResponse,
  StartTrainingRequest,
  StrategyDetail,
  StrategySummary,
  StrategyValidation,
  OperationRecord,
  SeriesRange,
  StartedOperation,
  SymbolList,
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
  /** Sent as is with this content type (instead of a JSON `body`). */
  rawBody?: { contentType: string; data: string | Uint8Array };
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

  /** Starts a failed or cancelled operation again: 202 with the new one (`retry_of` set). */
  retryOperation(id: string, signal?: AbortSignal): Promise<OperationRecord> {
    return this.json('POST', `/operations/${encodeURIComponent(id)}/retry`, { signal });
  }

  startDummy(params: DummyOperationParams, signal?: AbortSignal): Promise<StartedOperation> {
    return this.json('POST', '/operations/dummy', { body: params, signal });
  }

  /** Starts a `data_load` operation: 202 with its id. */
  startDataLoad(request: DataLoadRequest, signal?: AbortSignal): Promise<StartedOperation> {
    return this.json('POST', '/data/load', { body: request, signal });
  }

  /**
   * One page of cached bars of a series, columnar, optionally within [start, end] (both
   * inclusive): the first `limit` (API default 10,000, at most 100,000); the answer's `next` is
   * the following page's `start`, null at the end of the window.
   */
  async getBars(
    symbol: string,
    timeframe: string,
    window: { start?: string; end?: string; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<ColumnarBarsPage> {
    return await this.json('GET', seriesPath(symbol, timeframe), { query: { ...window }, signal });
  }

  /** First and last cached bar and the count; 404 SERIES_NOT_FOUND when nothing is cached. */
  async getSeriesRange(
    symbol: string,
    timeframe: string,
    signal?: AbortSignal,
  ): Promise<SeriesRange> {
    return await this.json('GET', `${seriesPath(symbol, timeframe)}/range`, { signal });
  }

  /** Every cached series, by symbol. */
  listSymbols(signal?: AbortSignal): Promise<SymbolList> {
    return this.json('GET', '/symbols', { signal });
  }

  /** Sends a CSV file's content (`text/csv`) to be merged into the cached series. */
  async importCsv(
    symbol: string,
    timeframe: string,
    csv: string | Uint8Array,
    signal?: AbortSignal,
  ): Promise<CsvImportResult> {
    const rawBody = { contentType: 'text/csv', data: csv };
    return await this.json('POST', `${seriesPath(symbol, timeframe)}/import`, { rawBody, signal });
  }

  listStrategies(signal?: AbortSignal): Promise<StrategySummary[]> {
    return this.json('GET', '/strategies', { signal });
  }

  getStrategy(name: string, signal?: AbortSignal): Promise<StrategyDetail> {
    return this.json('GET', `/strategies/${pathSegment(name, 'strategy name')}`, { signal });
  }

  /** Every problem of a strategy file's text, each with its path. */
  validateStrategy(yaml: string, signal?: AbortSignal): Promise<StrategyValidation> {
    const rawBody = { contentType: 'text/yaml', data: yaml };
    return this.json('POST', '/strategies/validate', { rawBody, signal });
  }

  /** Starts a `training` operation: 202 with its id. */
  startTraining(request: StartTrainingRequest, signal?: AbortSignal): Promise<StartedOperation> {
    return this.json('POST', '/trainings', { body: request, signal });
  }

  listModels(strategy?: string, signal?: AbortSignal): Promise<ModelList> {
    return this.json('GET', '/models', { query: { strategy }, signal });
  }

  getModel(strategy: string, version: string, signal?: AbortSignal): Promise<ModelVersionInfo> {
    return this.json('GET', modelPath(strategy, version), { signal });
  }

  predict(
    strategy: string,
    version: string,
    request: PredictRequest,
    signal?: AbortSignal,
  ): Promise<PredictResponse> {
    return this.json('POST', `${modelPath(strategy, version)}/predict`, { body: request, signal });
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
    let body: string | Uint8Array | undefined;
    if (options.rawBody) {
      headers['content-type'] = options.rawBody.contentType;
      body = options.rawBody.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: options.signal });
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

/** `/models/rsi_mlp/AAPL_1h_v3`. */
function modelPath(strategy: string, version: string): string {
  return `/models/${pathSegment(strategy, 'strategy name')}/${pathSegment(version, 'model version')}`;
}

/** One URL path segment; `.`, `..` and '' would be resolved away by URL parsers: refused. */
function pathSegment(value: string, what: string): string {
  if (value === '.' || value === '..' || value === '') {
    throw new UsageError(`'${value}' cannot be sent as a ${what}`);
  }
  return encodeURIComponent(value);
}

/**
 * `/data/AAPL/1h`. URL parsers resolve `.` and `..` segments (even percent-encoded), so those
 * can never reach the API as a symbol: refused here rather than sent to another route.
 */
function seriesPath(symbol: string, timeframe: string): string {
  const what = 'symbol or timeframe';
  return `/data/${pathSegment(symbol, what)}/${pathSegment(timeframe, what)}`;
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
