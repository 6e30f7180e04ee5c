/** The CsvBarStore over DATA_DIR (one per app). */
export const BAR_STORE = Symbol('BAR_STORE');

/**
 * The SeriesLock of that store: in-process, or a PostgreSQL advisory lock shared by every
 * process of a queued deployment (they all write one DATA_DIR).
 */
export const SERIES_LOCK = Symbol('SERIES_LOCK');

/** Optional DataLoadTuning overriding the segment retry defaults (tests shorten them). */
export const DATA_LOAD_TUNING = Symbol('DATA_LOAD_TUNING');

/** Retry settings of the segment fetches (see DataJobManagerOptions) and the clock. */
export interface DataLoadTuning {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The clock of the load (default Date.now). */
  now?: () => number;
  /** How long a cancelled load's save may wait for the series' lock (SAVE_AFTER_CANCEL_MS). */
  saveAfterCancelMs?: number;
}

/** Bars per page of `GET /data/:symbol/:timeframe` when `limit` is not given, and its maximum. */
export const BARS_PAGE_DEFAULT = 10_000;
export const BARS_PAGE_MAX = 100_000;
