import type { ServerResponse } from 'node:http';
import type {
  ColumnarBars,
  ColumnarBarsPage,
  DataLoadResult,
  LoadMode,
  SeriesRange,
  SymbolList,
} from '../api.types';
import type { Timeframe } from '../data-params';
import { FakeApiServer, type FakeApiOptions } from './fake-api-server';
import { sendError, sendJson, type RecordedRequest } from './fake-http';
import { FakeOperation } from './fake-operation';
import { ForwardingFakeApi } from './forwarding-fake-api';

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
export class FakeDataApi extends ForwardingFakeApi {
  readonly series = new Map<string, ColumnarBars>();

  private constructor(
    operations: FakeApiServer,
    private readonly options: FakeDataOptions,
  ) {
    super(operations, options.loadStepMs ?? 10);
  }

  static async start(options: FakeDataOptions = {}): Promise<FakeDataApi> {
    return new FakeDataApi(await FakeApiServer.start(options), options).listen();
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

  protected override owns(path: string): boolean {
    return /^\/api\/v1\/(data\/|symbols$)/.test(path);
  }

  protected override route(request: RecordedRequest, raw: string, res: ServerResponse): void {
    const { method, path, query, headers, body } = request;
    if (path === '/api/v1/symbols') return sendJson(res, 200, this.symbols());
    if (method === 'POST' && path === '/api/v1/data/load') return this.load(body, res);
    const [, symbol = '', timeframe = '', tail = ''] =
      /^\/api\/v1\/data\/([^/]+)\/([^/]+)(\/range|\/import)?$/.exec(path) ?? [];
    const invalid = checkSeries(decodeURIComponent(symbol), decodeURIComponent(timeframe));
    if (invalid) return sendError(res, 400, invalid[0], invalid[1]);
    const key = `${decodeURIComponent(symbol)}_${decodeURIComponent(timeframe)}`;
    if (method === 'POST' && tail === '/import') {
      return this.import(key, headers['content-type'] ?? '', raw, res);
    }
    const series = this.series.get(key);
    if (!series) return sendError(res, 404, 'SERIES_NOT_FOUND', `No cached data for ${key}`);
    if (tail === '/range') return sendJson(res, 200, range(series));
    return sendJson(res, 200, page(series, query, this.options.maxPage));
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
