import { Inject, Injectable } from '@nestjs/common';
import {
  assertDateRange,
  type CachedSymbol,
  type ColumnarBarsPage,
  type CsvBarStore,
  type CsvImportResult,
  InvalidDateRangeError,
  MarketDataError,
  MarketDataErrorCode,
  normalizeSymbol,
  parseTimeframe,
  type SeriesRange,
  TIMEFRAMES,
  type Timeframe,
} from '@ktrdr/market-data';
import { BAR_STORE } from './data.constants';
import { parseOptionalDate } from './date-params';

/**
 * Reads of the local CSV cache for the REST API, and CSV imports into it. Every symbol and
 * timeframe is validated before the store turns it into a path inside DATA_DIR.
 */
@Injectable()
export class DataCacheService {
  constructor(@Inject(BAR_STORE) private readonly store: CsvBarStore) {}

  /**
   * One page of cached bars in [start, end]: the first `limit` of them, and `next`, the
   * following page's `start` (null when this page reaches the end of the window).
   */
  async bars(
    rawSymbol: string,
    rawTimeframe: string,
    query: { start?: string; end?: string; before?: string; limit: number },
  ): Promise<ColumnarBarsPage> {
    const { symbol, timeframe } = this.series(rawSymbol, rawTimeframe);
    const startMs = parseOptionalDate(query.start, 'start');
    const endMs = parseOptionalDate(query.end, 'end');
    const beforeMs = parseOptionalDate(query.before, 'before');
    if (beforeMs !== null) {
      if (endMs !== null) throw new InvalidDateRangeError('Give either end or before, not both');
      if (startMs !== null && startMs >= beforeMs) assertDateRange(startMs, beforeMs);
      const page = await this.store.readPageBefore(symbol, timeframe, {
        ...(startMs !== null ? { startMs } : {}),
        beforeMs,
        limit: query.limit,
      });
      const { bars, previous } = page;
      const older = previous === null ? null : iso(previous);
      return { symbol, timeframe, count: bars.t.length, ...bars, next: null, previous: older };
    }
    // Both ends are inclusive here: a window of one instant is a valid read.
    if (startMs !== null && endMs !== null && startMs > endMs) assertDateRange(startMs, endMs);
    const { bars, next } = await this.store.readPage(symbol, timeframe, {
      ...(startMs !== null ? { startMs } : {}),
      ...(endMs !== null ? { endMs } : {}),
      limit: query.limit,
    });
    return {
      symbol,
      timeframe,
      count: bars.t.length,
      ...bars,
      next: next === null ? null : iso(next),
    };
  }

  async range(rawSymbol: string, rawTimeframe: string): Promise<SeriesRange> {
    const { symbol, timeframe } = this.series(rawSymbol, rawTimeframe);
    const range = await this.store.range(symbol, timeframe);
    if (!range) throw notFound(symbol, timeframe);
    return {
      symbol,
      timeframe,
      first: iso(range.first),
      last: iso(range.last),
      count: range.count,
    };
  }

  async symbols(): Promise<CachedSymbol[]> {
    const bySymbol = new Map<string, CachedSymbol>();
    for (const entry of await this.store.list()) {
      const item = bySymbol.get(entry.symbol) ?? { symbol: entry.symbol, timeframes: [] };
      const { timeframe } = entry;
      item.timeframes.push(
        entry.status === 'ok'
          ? {
              timeframe,
              status: 'ok',
              first: iso(entry.first),
              last: iso(entry.last),
              count: entry.count,
            }
          : { timeframe, status: 'unreadable', error: entry.error },
      );
      bySymbol.set(entry.symbol, item);
    }
    const order = (tf: Timeframe): number => TIMEFRAMES.indexOf(tf);
    return [...bySymbol.values()]
      .sort((a, b) => a.symbol.localeCompare(b.symbol))
      .map((item) => ({
        ...item,
        timeframes: item.timeframes.sort((a, b) => order(a.timeframe) - order(b.timeframe)),
      }));
  }

  /**
   * Merges a vendor CSV (text, or chunks parsed as they arrive) into the cached series. The
   * symbol and timeframe are checked before anything is read; the store parses and validates
   * the file first: a bad file throws (INVALID_CSV, INVALID_BARS) and nothing is written.
   */
  async importCsv(
    rawSymbol: string,
    rawTimeframe: string,
    csv: string | AsyncIterable<Buffer>,
  ): Promise<CsvImportResult> {
    const { symbol, timeframe } = this.series(rawSymbol, rawTimeframe);
    const result = await this.store.importCsv(csv, { symbol, timeframe, source: 'request body' });
    return { symbol, timeframe, ...result };
  }

  private series(
    rawSymbol: string,
    rawTimeframe: string,
  ): { symbol: string; timeframe: Timeframe } {
    return { symbol: normalizeSymbol(rawSymbol), timeframe: parseTimeframe(rawTimeframe) };
  }
}

function notFound(symbol: string, timeframe: string): MarketDataError {
  return new MarketDataError(
    MarketDataErrorCode.SERIES_NOT_FOUND,
    `No cached data for ${symbol} ${timeframe}`,
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
