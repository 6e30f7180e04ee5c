import { MarketDataError, MarketDataErrorCode } from '../errors';
import type { InvalidCsvError } from './csv-bar-parser';

/** No cache file for a symbol and timeframe. */
export class SeriesNotFoundError extends MarketDataError {
  constructor(symbol: string, timeframe: string) {
    super(MarketDataErrorCode.SERIES_NOT_FOUND, `No cached data for ${symbol} ${timeframe}`);
  }
}

/**
 * A cache file that cannot be read as bars (damaged on disk, or a hand-dropped file in the
 * wrong format). The message names the series and what is wrong, never the file's path: it
 * goes to clients. The parser's error, path included, is the `cause`.
 */
export class CacheCorruptError extends MarketDataError {
  constructor(symbol: string, timeframe: string, cause: InvalidCsvError) {
    const where = cause.line === undefined ? '' : `line ${cause.line}: `;
    super(
      MarketDataErrorCode.CACHE_CORRUPT,
      `The cached ${symbol} ${timeframe} series cannot be read (${where}${cause.reason}); ` +
        'the server log names the file',
      { cause },
    );
  }
}
