import { promises as fs } from 'node:fs';
import { calendarFor } from '../calendar/calendar-for';
import { MarketDataErrorCode } from '../errors';
import { sliceByTime, type BarSeries } from '../series/bar-series';
import { CsvBarStore } from '../store/csv-bar-store';
import { parseVendorCsv } from '../store/vendor-csv-parser';
import { instrumentKind } from '../symbols';
import { TIMEFRAMES, type Timeframe } from '../timeframes';
import type {
  HistoricalBars,
  HistoricalRequest,
  MarketDataProvider,
  ProviderHealth,
  SymbolValidation,
} from './market-data-provider';
import { raceAbort, throwIfAborted } from './provider-abort';
import { BeforeHeadTimestampError, NoDataError, SymbolNotFoundError } from './provider-errors';

/** Options of {@link CsvProvider}. */
export interface CsvProviderOptions {
  /** IANA zone of vendor times written without an offset (default UTC). */
  readonly timeZone?: string;
  /** Default 4. */
  readonly maxConcurrentRequests?: number;
}

interface ParsedVendorFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly series: BarSeries;
}

const FILE_NAME = new RegExp(`^[A-Z0-9][A-Z0-9._-]{0,19}_(${TIMEFRAMES.join('|')})\\.csv$`);
/** Parsed vendor files kept in memory (re-read when the file changes). */
const VENDOR_CACHE_SIZE = 16;

/**
 * Bars from a folder of CSV files named `{SYMBOL}_{timeframe}.csv`: either in the cache's own
 * format (read fast, the head timestamp without parsing the whole file) or in a vendor format
 * `parseVendorCsv` understands (parsed once and kept while the file is unchanged). The head
 * timestamp is the file's first bar; a symbol without any file is SYMBOL_NOT_FOUND. Nothing
 * is written to the folder.
 */
export class CsvProvider implements MarketDataProvider {
  readonly name = 'csv' as const;
  readonly maxConcurrentRequests: number;
  private readonly store: CsvBarStore;
  private readonly vendorFiles = new Map<string, ParsedVendorFile>();

  constructor(
    readonly dir: string,
    private readonly options: CsvProviderOptions = {},
  ) {
    this.store = new CsvBarStore(dir);
    this.maxConcurrentRequests = options.maxConcurrentRequests ?? 4;
  }

  async health(): Promise<ProviderHealth> {
    try {
      const names = await fs.readdir(this.dir);
      const files = names.filter((name) => FILE_NAME.test(name)).length;
      return { provider: this.name, connected: true, details: { dir: this.dir, files } };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { provider: this.name, connected: false, details: { dir: this.dir, error: reason } };
    }
  }

  async validateSymbol(
    symbol: string,
    timeframes: Timeframe[] | undefined,
    signal?: AbortSignal,
  ): Promise<SymbolValidation> {
    throwIfAborted(signal);
    const firsts = new Map<Timeframe, number | null | undefined>();
    for (const tf of TIMEFRAMES) firsts.set(tf, await raceAbort(this.firstBar(symbol, tf), signal));
    if ([...firsts.values()].every((first) => first === undefined)) {
      throw this.notFound(symbol);
    }
    const head_timestamps: Partial<Record<Timeframe, string | null>> = {};
    for (const tf of timeframes ?? TIMEFRAMES) {
      const first = firsts.get(tf);
      head_timestamps[tf] = typeof first === 'number' ? new Date(first).toISOString() : null;
    }
    const kind = instrumentKind(symbol);
    return {
      symbol,
      contract: {
        kind,
        exchange: 'CSV',
        currency: kind === 'forex' ? (symbol.split('.')[1] ?? '') : 'USD',
        description: `${symbol} from CSV files in ${this.dir}`,
      },
      head_timestamps,
      source: this.name,
    };
  }

  async headTimestamp(symbol: string, timeframe: Timeframe, signal?: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    const first = await raceAbort(this.firstBar(symbol, timeframe), signal);
    if (first === undefined) throw this.notFound(symbol, timeframe);
    if (first === null)
      throw new NoDataError(`${this.store.pathFor(symbol, timeframe)} has no bars`);
    return first;
  }

  async fetchHistorical(request: HistoricalRequest): Promise<HistoricalBars> {
    const { symbol, timeframe, startMs, endMs, signal } = request;
    const head = await this.headTimestamp(symbol, timeframe, signal);
    if (endMs < head) throw new BeforeHeadTimestampError(symbol, head, endMs);
    const bars = await raceAbort(this.read(symbol, timeframe, startMs, endMs), signal);
    return { symbol, timeframe, source: this.name, bars };
  }

  close(): Promise<void> {
    this.vendorFiles.clear();
    return Promise.resolve();
  }

  /** The first bar's time; null for a file without bars; undefined when there is no file. */
  private async firstBar(symbol: string, timeframe: Timeframe): Promise<number | null | undefined> {
    try {
      const range = await this.store.range(symbol, timeframe);
      if (range) return range.first;
      return (await this.exists(symbol, timeframe)) ? null : undefined;
    } catch (error) {
      if (!isInvalidCsv(error)) throw error;
      return (await this.vendorSeries(symbol, timeframe)).t[0] ?? null;
    }
  }

  private async read(
    symbol: string,
    timeframe: Timeframe,
    startMs: number,
    endMs: number,
  ): Promise<BarSeries> {
    try {
      return await this.store.read(symbol, timeframe, { startMs, endMs });
    } catch (error) {
      if ((error as { code?: unknown }).code === MarketDataErrorCode.SERIES_NOT_FOUND) {
        throw this.notFound(symbol, timeframe);
      }
      if (!isInvalidCsv(error)) throw error;
      return sliceByTime(await this.vendorSeries(symbol, timeframe), startMs, endMs);
    }
  }

  /** A vendor-format file, parsed once per version of the file. */
  private async vendorSeries(symbol: string, timeframe: Timeframe): Promise<BarSeries> {
    const file = this.store.pathFor(symbol, timeframe);
    const { mtimeMs, size } = await fs.stat(file);
    const known = this.vendorFiles.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) return known.series;
    const { series } = parseVendorCsv(await fs.readFile(file), {
      timeframe,
      calendar: calendarFor(symbol),
      timeZone: this.options.timeZone,
      source: file,
    });
    this.vendorFiles.delete(file);
    this.vendorFiles.set(file, { mtimeMs, size, series });
    const oldest = this.vendorFiles.keys().next().value;
    if (this.vendorFiles.size > VENDOR_CACHE_SIZE && oldest !== undefined) {
      this.vendorFiles.delete(oldest);
    }
    return series;
  }

  private async exists(symbol: string, timeframe: Timeframe): Promise<boolean> {
    return fs.access(this.store.pathFor(symbol, timeframe)).then(
      () => true,
      () => false,
    );
  }

  private notFound(symbol: string, timeframe?: Timeframe): SymbolNotFoundError {
    const file = timeframe ? `${symbol}_${timeframe}.csv` : `${symbol}_<timeframe>.csv`;
    return new SymbolNotFoundError(symbol, `no file ${file} in ${this.dir}`);
  }
}

function isInvalidCsv(error: unknown): boolean {
  return (error as { code?: unknown })?.code === MarketDataErrorCode.INVALID_CSV;
}
