import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ColumnarBars,
  ColumnarBarsPage,
  DataLoadResult,
  LoadMode,
  SeriesRange,
  SymbolList,
} from '../api.types';
import type { Timeframe } from '../data-params';
import { FakeApiServer, type FakeApiOptions, type RecordedRequest } from './fake-api-server';
import { FakeOperation } from './fake-operation';

export interface FakeDataOptions extends FakeApiOptions {
  /** Progress steps of a fake load, one per `loadStepMs`. */
  loadSteps?: number;
  loadStepMs?: number;
  /** Bars per page of `GET /data/:symbol/:timeframe`: at most `limit`, and at most this. */
  maxPage?: number;
}

/** The API's symbol rule (the CLI itself checks less). */
const SYMBOL = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;
const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'];
const DAY_MS = 86_400_000;

/**
 * Plays the API's data routes (`/data/…`, `/symbols`) for CLI tests and forwards everything
 * else (operations, their event streams, cancels) to a {@link FakeApiServer}, so a fake load
 * is watched and cancelled exactly like any other operation.
 */
export class FakeDataApi {
  /** Requests to the data routes (the operation routes are in `operations.requests`). */
  readonly requests: RecordedRequest[] = [];
  readonly series = new Map<string, ColumnarBars>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private url = '';

  private constructor(
    private readonly server: Server,
    readonly operations: FakeApiServer,
    private readonly options: FakeDataOptions,
  ) {}

  static async start(options: FakeDataOptions = {}): Promise<FakeDataApi> {
    const operations = await FakeApiServer.start(options);
    const server = createServer();
    const api = new FakeDataApi(server, operations, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void api.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return api;
  }

  get baseUrl(): string {
    return this.url;
  }

  /** Caches `count` daily bars for a series, ending on 2024-03-29, with two-decimal prices. */
  seed(symbol: string, timeframe: Timeframe, count: number): ColumnarBars {
    const end = Date.UTC(2024, 2, 29);
    const bars: ColumnarBars = {
      symbol,
      timeframe,
      count,
      t: [],
      o: [],
      h: [],
      l: [],
      c: [],
      v: [],
    };
    for (let i = 0; i < count; i += 1) {
      const base = 100 + i;
      bars.t.push(end - (count - 1 - i) * DAY_MS);
      bars.o.push(base);
      bars.h.push(base + 1.5);
      bars.l.push(base - 0.25);
      bars.c.push(base + 0.5);
      bars.v.push(1000 * (i + 1));
    }
    this.series.set(`${symbol}_${timeframe}`, bars);
    return bars;
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.operations.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isData = /^\/api\/v1\/(data\/|symbols$)/.test(url.pathname);
    if (!isData) return this.forward(req, res);
    const raw = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    const body: unknown = type.startsWith('application/json') && raw ? JSON.parse(raw) : raw;
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });
    if (url.pathname === '/api/v1/symbols') return sendJson(res, 200, this.symbols());
    if (method === 'POST' && url.pathname === '/api/v1/data/load') return this.load(body, res);
    const [, symbol = '', timeframe = '', tail = ''] =
      /^\/api\/v1\/data\/([^/]+)\/([^/]+)(\/range|\/import)?$/.exec(url.pathname) ?? [];
    const invalid = checkSeries(decodeURIComponent(symbol), decodeURIComponent(timeframe));
    if (invalid) return sendError(res, 400, invalid[0], invalid[1]);
    const key = `${decodeURIComponent(symbol)}_${decodeURIComponent(timeframe)}`;
    if (method === 'POST' && tail === '/import') return this.import(key, type, raw, res);
    const series = this.series.get(key);
    if (!series) return sendError(res, 404, 'SERIES_NOT_FOUND', `No cached data for ${key}`);
    if (tail === '/range') return sendJson(res, 200, range(series));
    return sendJson(res, 200, page(series, url.searchParams, this.options.maxPage));
  }

  private load(body: unknown, res: ServerResponse): void {
    const { symbol = '', timeframe = '', mode = 'tail' } = (body ?? {}) as Record<string, string>;
    const invalid = checkSeries(symbol.toUpperCase(), timeframe);
    if (invalid) return sendError(res, 400, invalid[0], invalid[1]);
    const operation = this.operations.add(
      FakeOperation.create({ operation_type: 'data_load', metadata: { symbol, timeframe, mode } }),
    );
    operation.record.status = 'running';
    operation.record.started_at = new Date().toISOString();
    const steps = this.options.loadSteps ?? 3;
    let step = 0;
    const tick = (): void => {
      if (operation.record.status !== 'running') return;
      step += 1;
      operation.emitProgress({
        percentage: (step / steps) * 100,
        message: `Loading ${symbol} ${timeframe} data (${mode} mode) segment ${step}/${steps}`,
        step_name: 'fetch_segments',
        // One step per segment here, so the line display prints every one of them.
        steps_completed: step - 1,
        steps_total: steps,
      });
      if (step < steps) return this.later(tick);
      // checkSeries accepted the timeframe; the mode is echoed as sent.
      const bars = this.seed(symbol.toUpperCase(), timeframe as Timeframe, 21);
      operation.finish('completed', { result: loadResult(bars, mode as LoadMode) });
    };
    this.later(tick);
    sendJson(res, 202, { operation_id: operation.record.operation_id, status: 'pending' });
  }

  private import(key: string, type: string, csv: string, res: ServerResponse): void {
    if (!type.startsWith('text/csv')) {
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Expected a text/csv body`);
    }
    const rows = csv.trim().split('\n').slice(1);
    if (rows.length === 0) return sendError(res, 400, 'INVALID_CSV', 'The CSV has no rows');
    const [symbol = '', timeframe = ''] = key.split('_');
    sendJson(res, 200, {
      symbol,
      timeframe,
      imported: rows.length,
      merged_total: rows.length + (this.series.get(key)?.count ?? 0),
      rejected: { total: 0, by_reason: {}, examples: [] },
      validation: { issues: [], total_errors: 0, total_warnings: 0 },
    });
  }

  private symbols(): SymbolList {
    const bySymbol = new Map<string, SymbolList['symbols'][number]>();
    for (const bars of [...this.series.values()].sort((a, b) => a.symbol.localeCompare(b.symbol))) {
      const item = bySymbol.get(bars.symbol) ?? { symbol: bars.symbol, timeframes: [] };
      const { first, last, count } = range(bars);
      item.timeframes.push({ timeframe: bars.timeframe, status: 'ok', first, last, count });
      bySymbol.set(bars.symbol, item);
    }
    return { symbols: [...bySymbol.values()] };
  }

  private later(fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.options.loadStepMs ?? 10);
    this.timers.add(timer);
  }

  /** Sends the request on to the operations fake and streams its answer back (SSE too). */
  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = new URL(req.url ?? '/', this.operations.baseUrl);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

function checkSeries(symbol: string, timeframe: string): [string, string] | undefined {
  if (!SYMBOL.test(symbol)) return ['INVALID_SYMBOL', `Invalid symbol '${symbol}'`];
  if (!TIMEFRAMES.includes(timeframe)) {
    return [
      'INVALID_TIMEFRAME',
      `Invalid timeframe '${timeframe}': supported timeframes are ${TIMEFRAMES.join(', ')}`,
    ];
  }
  return undefined;
}

function range(bars: ColumnarBars): SeriesRange {
  const iso = (ms: number | undefined): string => new Date(ms ?? 0).toISOString();
  return {
    symbol: bars.symbol,
    timeframe: bars.timeframe,
    first: iso(bars.t[0]),
    last: iso(bars.t.at(-1)),
    count: bars.count,
  };
}

/** The API's paging: bars in [start, end], the first `limit` (≤ `maxPage`), and `next`. */
function page(bars: ColumnarBars, query: URLSearchParams, maxPage = Infinity): ColumnarBarsPage {
  const start = query.get('start') ? Date.parse(query.get('start') ?? '') : -Infinity;
  const end = query.get('end') ? Date.parse(query.get('end') ?? '') : Infinity;
  const limit = Math.min(Number(query.get('limit') ?? 10_000), maxPage);
  const inWindow = bars.t.map((t, i) => (t >= start && t <= end ? i : -1)).filter((i) => i >= 0);
  const keep = inWindow.slice(0, limit);
  const after = inWindow[limit];
  const pick = (values: number[]): number[] => keep.map((i) => values[i] ?? NaN);
  return {
    ...bars,
    count: keep.length,
    next: after === undefined ? null : new Date(bars.t[after] ?? 0).toISOString(),
    t: pick(bars.t),
    o: pick(bars.o),
    h: pick(bars.h),
    l: pick(bars.l),
    c: pick(bars.c),
    v: pick(bars.v),
  };
}

function loadResult(bars: ColumnarBars, mode: LoadMode): DataLoadResult {
  const { first, last } = range(bars);
  return {
    symbol: bars.symbol,
    timeframe: bars.timeframe,
    mode,
    source: 'synthetic',
    venue: 'local',
    start: first,
    end: last,
    head_timestamp: null,
    start_clamped: null,
    bars_before: 0,
    bars_after: bars.count,
    bars_fetched: bars.count,
    bars_in_range: 0,
    gaps_found: 1,
    segments_planned: 1,
    segments_fetched: 1,
    segments_failed: 0,
    failed_segments: [],
    requests_made: 2,
    retries: 0,
    first_bar: first,
    last_bar: last,
    validation: { issues: [], total_errors: 0, total_warnings: 0 },
    warnings: ['synthetic data: generated bars for development and tests, not market data'],
    duration_ms: 30,
    cancelled: false,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { statusCode: status, error: code, message, code });
}
