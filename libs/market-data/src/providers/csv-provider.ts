import { promises as fs } from 'node:fs';
import { calendarFor } from '../calendar/calendar-for';
import { MarketDataErrorCode } from '../errors';
import { sliceByTime, type BarSeries } from '../series/bar-series';
import { parseBarsCsv } from '../store/csv-bar-parser';
import { CsvBarStore } from '../store/csv-bar-store';
import { scanCsvFirst } from '../store/csv-range-scanner';
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

/** One parsed file: the version it was parsed from, and its bars (shared by concurrent reads). */
interface ParsedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly series: Promise<BarSeries>;
  /** Bars, once parsed (0 before): what the cache's bar budget counts. */
  bars: number;
}

const FILE_NAME = new RegExp(`^[A-Z0-9][A-Z0-9._-]{0,19}_(${TIMEFRAMES.join('|')})\\.csv$`);
/** Parsed files kept in memory (re-read when the file changes): at most this many… */
const PARSED_CACHE_FILES = 16;
/** …and about this many bars in all (≈ 50 bytes a bar); the last file read is always kept. */
const PARSED_CACHE_BARS = 4_000_000;

/**
 * Bars from a folder of CSV files named `{SYMBOL}_{timeframe}.csv`: either in the cache's own
 * format (read fast) or in a vendor format `parseVendorCsv` understands. A file is parsed once
 * and kept while it is unchanged (same mtime and size), so the segments of a load do not
 * re-read it; the head timestamp of a cache-format file comes from its first line alone. A
 * symbol without any file is SYMBOL_NOT_FOUND. Nothing is written to the folder.
 */
export class CsvProvider implements MarketDataProvider {
  readonly name = 'csv' as const;
  readonly maxConcurrentRequests: number;
  private readonly store: CsvBarStore;
  /** Parsed files by path, least recently used first. */
  private readonly parsed = new Map<string, ParsedFile>();

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
    this.parsed.clear();
    return Promise.resolve();
  }

  /** The first bar's time; null for a file without bars; undefined when there is no file. */
  private async firstBar(symbol: string, timeframe: Timeframe): Promise<number | null | undefined> {
    const file = this.store.pathFor(symbol, timeframe);
    try {
      const known = await this.knownSeries(file);
      if (known) return known.t[0] ?? null;
      return await scanCsvFirst(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (!isInvalidCsv(error)) throw error;
      return (await this.series(symbol, timeframe)).t[0] ?? null;
    }
  }

  private async read(
    symbol: string,
    timeframe: Timeframe,
    startMs: number,
    endMs: number,
  ): Promise<BarSeries> {
    try {
      return sliceByTime(await this.series(symbol, timeframe), startMs, endMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw this.notFound(symbol, timeframe);
      throw error;
    }
  }

  /** The parsed series of an unchanged file already read, or null. */
  private async knownSeries(file: string): Promise<BarSeries | null> {
    const known = this.parsed.get(file);
    if (!known) return null;
    const { mtimeMs, size } = await fs.stat(file);
    return known.mtimeMs === mtimeMs && known.size === size ? known.series : null;
  }

  /** A file's bars (cache format, else vendor format), parsed once per version of the file. */
  private async series(symbol: string, timeframe: Timeframe): Promise<BarSeries> {
    const file = this.store.pathFor(symbol, timeframe);
    const { mtimeMs, size } = await fs.stat(file);
    const known = this.parsed.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) {
      this.parsed.delete(file); // most recently used last
      this.parsed.set(file, known);
      return known.series;
    }
    const entry: ParsedFile = {
      mtimeMs,
      size,
      series: this.parse(file, symbol, timeframe),
      bars: 0,
    };
    this.parsed.delete(file);
    this.parsed.set(file, entry);
    try {
      const series = await entry.series;
      entry.bars = series.t.length;
      this.evict();
      return series;
    } catch (error) {
      if (this.parsed.get(file) === entry) this.parsed.delete(file);
      throw error;
    }
  }

  private async parse(file: string, symbol: string, timeframe: Timeframe): Promise<BarSeries> {
    const bytes = await fs.readFile(file);
    try {
      return parseBarsCsv(bytes, { source: file });
    } catch (error) {
      if (!isInvalidCsv(error)) throw error;
    }
    return parseVendorCsv(bytes, {
      timeframe,
      calendar: calendarFor(symbol),
      timeZone: this.options.timeZone,
      source: file,
    }).series;
  }

  /** Drops the least recently used files beyond the file count or the bar budget. */
  private evict(): void {
    let bars = 0;
    for (const entry of this.parsed.values()) bars += entry.bars;
    for (const [file, entry] of this.parsed) {
      if (this.parsed.size <= 1) break;
      if (this.parsed.size <= PARSED_CACHE_FILES && bars <= PARSED_CACHE_BARS) break;
      this.parsed.delete(file);
      bars -= entry.bars;
    }
  }

  private notFound(symbol: string, timeframe?: Timeframe): SymbolNotFoundError {
    const file = timeframe ? `${symbol}_${timeframe}.csv` : `${symbol}_<timeframe>.csv`;
    return new SymbolNotFoundError(symbol, `no file ${file} in ${this.dir}`);
  }
}

function isInvalidCsv(error: unknown): boolean {
  return (error as { code?: unknown })?.code === MarketDataErrorCode.INVALID_CSV;
}
