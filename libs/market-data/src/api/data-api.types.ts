// The data API's wire contract (data.md): request and answer shapes of `POST /data/load`, the
// `data_load` operation's result, and the cache routes. The API returns them and the CLI reads
// them (type-only, so the CLI never loads this lib at runtime).
import type { BarSeries } from '../series/bar-series.types';
import type { ImportResult } from '../store/import-result';
import type { Timeframe } from '../timeframes';

/** What a load fetches (data.md, "Load modes"); the API's default is `tail`. */
export const LOAD_MODES = ['local', 'tail', 'backfill', 'full'] as const;
/** One of {@link LOAD_MODES}. */
export type LoadMode = (typeof LOAD_MODES)[number];

/** True when `value` is one of {@link LOAD_MODES}. */
export function isLoadMode(value: unknown): value is LoadMode {
  return typeof value === 'string' && (LOAD_MODES as readonly string[]).includes(value);
}

/**
 * Body of `POST /data/load`. The API checks the meaning (symbol pattern, supported timeframe,
 * dates, start < end) and answers INVALID_SYMBOL, INVALID_TIMEFRAME or INVALID_DATE_RANGE.
 */
export interface DataLoadRequest {
  symbol: string;
  timeframe: string;
  /** Defaults to `tail`. */
  mode?: LoadMode;
  /** ISO-8601 date or date-time with a zone; a date alone means midnight UTC. */
  start_date?: string;
  end_date?: string;
  /** Clamp or drop invalid bars after the load (data.md, "Validation"). */
  repair?: boolean;
}

/** One segment that could not be fetched, as named in the result's warnings. */
export interface FailedSegment {
  segment_index: number;
  start: string;
  end: string;
  code: string;
  message: string;
  attempts: number;
}

/** Issue counts of the final validation (data.md, "Validation"). */
export interface ValidationSummary {
  issues: { kind: string; severity: 'error' | 'warning'; count: number }[];
  total_errors: number;
  total_warnings: number;
  /** What a repair changed, when one was asked for and needed. */
  changes?: string[];
}

/**
 * The result of a load (data.md, "Result summary"): real numbers. On cancel the same shape
 * is the operation's partial result, with `cancelled: true`.
 */
export interface DataLoadResult {
  symbol: string;
  timeframe: Timeframe;
  mode: LoadMode;
  /** Where the bars came from: the provider's label (`synthetic`, `ib`, `csv`) or `cache`. */
  source: string;
  /** `local` = provider in this process, `host` = the data host service. */
  venue: 'local' | 'host';
  /** The range the load covered (after defaults and clamping), ISO-8601 UTC. */
  start: string | null;
  end: string;
  head_timestamp: string | null;
  /** Set when `start` was earlier than the provider's first bar and was moved to it. */
  start_clamped: { requested: string; clamped_to: string } | null;
  bars_before: number;
  bars_after: number;
  bars_fetched: number;
  /** For `local` mode: the cached bars inside [start, end]. */
  bars_in_range: number;
  gaps_found: number;
  segments_planned: number;
  segments_fetched: number;
  segments_failed: number;
  failed_segments: FailedSegment[];
  requests_made: number;
  retries: number;
  first_bar: string | null;
  last_bar: string | null;
  validation: ValidationSummary | null;
  warnings: string[];
  duration_ms: number;
  cancelled: boolean;
}

/** Bars of one series, columnar; `t` in epoch ms UTC. */
export interface ColumnarBars extends BarSeries {
  symbol: string;
  timeframe: Timeframe;
  count: number;
}

/**
 * `GET /data/:symbol/:timeframe?start=&end=&limit=`: one page of cached bars, columnar (`count`
 * bars, at most `limit`: 1–100,000, default 10,000).
 */
export interface ColumnarBarsPage extends ColumnarBars {
  /**
   * ISO-8601 time of the first bar after this page, to pass as the next request's `start`
   * (same `end` and `limit`); null when the page reaches the end of the window.
   */
  next: string | null;
  /**
   * Only in answers to a `before` read (a page read backwards, for scrolling into the past):
   * the older page's `before` (this page's first bar time); null when nothing older is in the
   * window. `next` is then null: the newer neighbour starts at the `before` just asked.
   */
  previous?: string | null;
}

/** `GET /data/:symbol/:timeframe/range`: the cached series' first and last bar, ISO-8601 UTC. */
export interface SeriesRange {
  symbol: string;
  timeframe: Timeframe;
  first: string;
  last: string;
  count: number;
}

/**
 * One series of a cached symbol: its range, or `unreadable` (the file cannot be read as bars)
 * with the error code and message that reading it answers (CACHE_CORRUPT).
 */
export type CachedTimeframe =
  | { timeframe: Timeframe; status: 'ok'; first: string; last: string; count: number }
  | { timeframe: Timeframe; status: 'unreadable'; error: { code: string; message: string } };

/** One cached symbol with its series, as `GET /symbols` lists it. */
export interface CachedSymbol {
  symbol: string;
  timeframes: CachedTimeframe[];
}

/** `GET /symbols`: each cached symbol with its series. */
export interface SymbolList {
  symbols: CachedSymbol[];
}

/** `GET /timeframes`: the timeframes a load accepts. */
export interface TimeframeList {
  timeframes: readonly Timeframe[];
}

/** `POST /data/:symbol/:timeframe/import` answer: the store's import result for the series. */
export interface CsvImportResult extends ImportResult {
  symbol: string;
  timeframe: Timeframe;
}
