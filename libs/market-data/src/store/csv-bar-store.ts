import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { calendarFor } from '../calendar/calendar-for';
import { validateBarPages, validateBarsYielding } from '../series/bar-validation';
import { concatSeries, emptySeries, sortAndDedupe, type BarSeries } from '../series/bar-series';
import { mergeBars } from '../series/merge';
import { SeriesParts } from '../series/series-parts';
import { normalizeSymbol, resolveInside } from '../symbols';
import { isTimeframe, parseTimeframe, TIMEFRAMES, type Timeframe } from '../timeframes';
import { NODE_ATOMIC_WRITE_FS, writeFileAtomic, type AtomicWriteFs } from './atomic-file-writer';
import { CacheCorruptError, SeriesNotFoundError } from './cache-errors';
import { InvalidBarsError, formatBarsCsv } from './csv-bar-format';
import { InvalidCsvError, parseBarsCsv } from './csv-bar-parser';
import { pageOf, readCsvPage, type BarPage, type PageRequest } from './csv-page-reader';
import { scanCsvRange, type CsvRange } from './csv-range-scanner';
import {
  pageBefore,
  readCsvPageBefore,
  type BarPageBefore,
  type PageBeforeRequest,
} from './csv-tail-page-reader';
import type { ImportResult } from './import-result';
import { InProcessSeriesLock } from './in-process-series-lock';
import type { SeriesLock } from './series-lock';
import { mergedCsvChunks, UnsortedCacheFileError, withoutWindow } from './csv-streaming-merge';
import { removeStaleTempFiles } from './stale-temp-files';
import { parseVendorCsv, parseVendorCsvStream } from './vendor-csv-parser';

/** Options of {@link CsvBarStore}. */
export interface CsvBarStoreOptions {
  /** File-system calls of atomic writes (tests inject failures). */
  fs?: AtomicWriteFs;
  /** Where the store reports what only an operator should see (file paths): unreadable files. */
  log?: (message: string) => void;
  /**
   * What serialises the writes of one series (default: an {@link InProcessSeriesLock}; several
   * processes writing one folder share a `PostgresSeriesLock`).
   */
  lock?: SeriesLock;
}

/** Options of the store's writes. */
export interface WriteOptions {
  /** Ends the wait for the series' lock (the write itself, once started, completes). */
  signal?: AbortSignal;
}

/** Options of {@link CsvBarStore.import}. */
export interface ImportOptions {
  symbol: string;
  timeframe: string;
  /** IANA zone of vendor times written without an offset (default UTC). */
  timeZone?: string;
  /** Import repaired bars instead of rejecting a file whose bars fail validation. */
  repair?: boolean;
}

/**
 * One cached series, as {@link CsvBarStore.list} reports it: its range, or `unreadable` with the
 * error (code and path-free message) that reading it gives.
 */
export type CachedSeries = { symbol: string; timeframe: Timeframe } & (
  ({ status: 'ok' } & CsvRange) | { status: 'unreadable'; error: { code: string; message: string } }
);

/**
 * Bars per page when {@link CsvBarStore.pages} reads a window: parsing and copying one page is
 * a few ms of the event loop (a 4 M-bar window is validated page by page).
 */
const PAGE_BARS = 16_384;

const FILE_PATTERN = new RegExp(`^([A-Z0-9][A-Z0-9._-]{0,19})_(${TIMEFRAMES.join('|')})\\.csv$`);

/**
 * The local bar cache: one CSV per series, `{dataDir}/{SYMBOL}_{timeframe}.csv`, in the format
 * of data.md (header `timestamp,open,high,low,close,volume`, `YYYY-MM-DDTHH:MM:SSZ` UTC bar
 * open times, sorted, unique). Symbols and timeframes are validated before they become paths;
 * no path outside `dataDir` can be named. Writes are atomic (temp file, fsync, rename, fsync of
 * the directory) and serialised per series by its {@link SeriesLock} (this instance, or every
 * process sharing a PostgreSQL lock); reads parse by hand, fast.
 *
 * @example
 * const store = new CsvBarStore('./data');
 * const bars = await store.read('AAPL', '1h', { startMs: Date.parse('2024-01-01') });
 */
export class CsvBarStore {
  private readonly fs: AtomicWriteFs;
  private readonly log: (message: string) => void;
  private readonly lock: SeriesLock;

  constructor(
    private readonly dataDir: string,
    options: CsvBarStoreOptions = {},
  ) {
    this.fs = options.fs ?? NODE_ATOMIC_WRITE_FS;
    this.log = options.log ?? (() => undefined);
    this.lock = options.lock ?? new InProcessSeriesLock();
  }

  /** Absolute path of a series' file (validates symbol and timeframe). */
  pathFor(symbol: string, timeframe: string): string {
    const sym = normalizeSymbol(symbol);
    return resolveInside(this.dataDir, `${sym}_${parseTimeframe(timeframe)}.csv`, sym);
  }

  /**
   * The cached bars with `startMs <= t <= endMs` (all when no range). Reads only the part of
   * the file the range needs (see {@link CsvBarStore.readPage}). Throws
   * {@link SeriesNotFoundError} when there is no file, {@link CacheCorruptError} when it is
   * malformed.
   */
  async read(
    symbol: string,
    timeframe: string,
    range: { startMs?: number; endMs?: number } = {},
  ): Promise<BarSeries> {
    return (await this.readPage(symbol, timeframe, { ...range, limit: Number.POSITIVE_INFINITY }))
      .bars;
  }

  /**
   * The cached bars with `startMs <= t <= endMs`, page after page of at most `limit` bars
   * (each page read with {@link CsvBarStore.readPage}): a window of any size with one page in
   * memory. Throws like {@link CsvBarStore.read}.
   */
  async *pages(
    symbol: string,
    timeframe: string,
    range: { startMs?: number; endMs?: number } = {},
    limit = PAGE_BARS,
  ): AsyncGenerator<BarSeries> {
    let startMs = range.startMs;
    for (;;) {
      const { bars, next } = await this.readPage(symbol, timeframe, {
        ...range,
        ...(startMs !== undefined ? { startMs } : {}),
        limit,
      });
      yield bars;
      if (next === null) return;
      startMs = next;
    }
  }

  /**
   * The open times of the cached bars with `startMs <= t <= endMs`, read page by page: only
   * the timestamps are kept (8 bytes a bar), never the whole bars. Throws like
   * {@link CsvBarStore.read}.
   */
  async timestamps(
    symbol: string,
    timeframe: string,
    range: { startMs?: number; endMs?: number } = {},
  ): Promise<number[]> {
    const out: number[] = [];
    for await (const page of this.pages(symbol, timeframe, range)) {
      for (const t of page.t) out.push(t);
    }
    return out;
  }

  /**
   * One page of the cached bars with `startMs <= t <= endMs`: the first `limit` of them and
   * the time of the next one (`next`, the following page's `startMs`; null at the end). Reads
   * only the part of the file it needs (a seek by timestamp, then the page's lines); a file
   * found out of order is read whole. Throws like {@link CsvBarStore.read}.
   */
  async readPage(symbol: string, timeframe: string, request: PageRequest): Promise<BarPage> {
    const file = this.pathFor(symbol, timeframe);
    let page: BarPage | null;
    try {
      page = await readCsvPage(file, request, file);
    } catch (error) {
      throw this.corruptOr(this.notFoundOr(error, symbol, timeframe), symbol, timeframe);
    }
    if (page) return page;
    const { startMs, endMs } = request;
    const all = await this.readWhole(symbol, timeframe, {
      ...(startMs !== undefined ? { startMs } : {}),
      ...(endMs !== undefined ? { endMs } : {}),
    });
    return pageOf(all, request.limit);
  }

  /**
   * One page read backwards: the last `limit` cached bars with `startMs <= t < beforeMs` and
   * `previous`, the older page's `beforeMs` (null when nothing older is in the window). Reads
   * only the end of the file it needs, like {@link CsvBarStore.readPage}; throws like it.
   */
  async readPageBefore(
    symbol: string,
    timeframe: string,
    request: PageBeforeRequest,
  ): Promise<BarPageBefore> {
    const file = this.pathFor(symbol, timeframe);
    let page: BarPageBefore | null;
    try {
      page = await readCsvPageBefore(file, request, file);
    } catch (error) {
      throw this.corruptOr(this.notFoundOr(error, symbol, timeframe), symbol, timeframe);
    }
    if (page) return page;
    const { startMs, beforeMs } = request;
    const all = await this.readWhole(symbol, timeframe, {
      ...(startMs !== undefined ? { startMs } : {}),
      ...(beforeMs !== undefined ? { endMs: beforeMs - 1 } : {}),
    });
    return pageBefore(all, request.limit);
  }
  /** Replaces the series' file atomically with `series` (sorted and deduplicated first). */
  async write(
    symbol: string,
    timeframe: string,
    series: BarSeries,
    options: WriteOptions = {},
  ): Promise<void> {
    const file = this.pathFor(symbol, timeframe);
    await this.locked(file, () => this.writeFile(file, series), options);
  }

  /**
   * Merges bars into the stored series (a given bar replaces a stored one with the same
   * timestamp, every other stored bar is kept) and saves the result atomically, under the
   * series' lock. The stored file is merged as a stream, chunk by chunk (a merge join of the
   * file against the sorted bars, written straight into the temp file): memory does not grow
   * with the size of the stored series. A stored file found out of order is read whole. Returns
   * first, last and count of the series stored afterwards (null when it has no bars).
   * `bars` may be {@link SeriesParts} (a load's segments): they are merged without being joined.
   */
  async merge(
    symbol: string,
    timeframe: string,
    bars: BarSeries | SeriesParts,
    options: WriteOptions = {},
  ): Promise<CsvRange | null> {
    const file = this.pathFor(symbol, timeframe);
    const given = bars instanceof SeriesParts ? bars : SeriesParts.of([bars]);
    return this.locked(file, () => this.rewrite(symbol, timeframe, given), options);
  }

  /**
   * Read-modify-write of one window of a series under its lock: reads the stored bars with
   * `startMs <= t <= endMs` (all of them without a window; none when there is no file), passes
   * them to `fn` and replaces that window of the file by what it returns (sorted and
   * deduplicated; a returned bar outside the window replaces a stored bar with its timestamp).
   * The rest of the file is streamed through, as in {@link CsvBarStore.merge}: memory grows
   * with the window, not with the series. `null` leaves the file as it is. No other write of
   * this store to the series can land in between, so nothing merged meanwhile is overwritten.
   * A throw from `fn` writes nothing. Returns first, last and count of the series stored
   * afterwards (null when it has no bars).
   *
   * @example
   * await store.update('AAPL', '1h', (bars) => validateBars(bars, { repair: true }).repaired ?? null,
   *   { startMs: Date.parse('2024-01-01') });
   */
  async update(
    symbol: string,
    timeframe: string,
    fn: (current: BarSeries) => BarSeries | null | Promise<BarSeries | null>,
    window: { startMs?: number; endMs?: number } = {},
    options: WriteOptions = {},
  ): Promise<CsvRange | null> {
    const file = this.pathFor(symbol, timeframe);
    return this.locked(
      file,
      async () => {
        const current = await this.readOrEmpty(symbol, timeframe, window);
        const next = await fn(current);
        if (next === null) return this.range(symbol, timeframe);
        return this.rewrite(symbol, timeframe, SeriesParts.of([next]), {
          startMs: window.startMs ?? Number.NEGATIVE_INFINITY,
          endMs: window.endMs ?? Number.POSITIVE_INFINITY,
        });
      },
      options,
    );
  }

  /**
   * First and last bar and count, without parsing the whole file; null when no bars. Throws
   * {@link CacheCorruptError} when the file's header, first or last line is malformed.
   */
  async range(symbol: string, timeframe: string): Promise<CsvRange | null> {
    const file = this.pathFor(symbol, timeframe);
    try {
      return await scanCsvRange(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.corruptOr(error, symbol, timeframe);
    }
  }

  /**
   * Every cached series with bars, sorted by symbol then timeframe; a file that cannot be read
   * as bars is listed `unreadable` with its error. Files not named `{SYMBOL}_{timeframe}.csv`
   * are left out.
   */
  async list(): Promise<CachedSeries[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dataDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: CachedSeries[] = [];
    for (const name of names.sort()) {
      const match = FILE_PATTERN.exec(name);
      const [symbol, timeframe] = [match?.[1], match?.[2]];
      if (symbol === undefined || !isTimeframe(timeframe)) continue;
      try {
        const range = await this.range(symbol, timeframe);
        if (range) entries.push({ symbol, timeframe, status: 'ok', ...range });
      } catch (error) {
        if (!(error instanceof CacheCorruptError)) throw error;
        const { code, message } = error;
        entries.push({ symbol, timeframe, status: 'unreadable', error: { code, message } });
      }
    }
    const order = (tf: Timeframe) => TIMEFRAMES.indexOf(tf);
    return entries.sort((a, b) =>
      a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : order(a.timeframe) - order(b.timeframe),
    );
  }

  /**
   * Removes the temp files of saves that never finished (a crash or kill mid-write leaves
   * `.{SYMBOL}_{timeframe}.csv.{pid}@{host}.{hex}.tmp`, up to the size of a series): only this
   * store's own names, only those last written before `beforeMs` (the process start) by a
   * process that is gone; a file of another machine sharing the folder only once untouched for
   * an hour (its pid cannot be checked from here). Logs and returns the names removed. Call it
   * at startup.
   */
  async removeStaleTempFiles(beforeMs: number): Promise<string[]> {
    const removed = await removeStaleTempFiles(this.dataDir, beforeMs, (name) =>
      FILE_PATTERN.test(name),
    );
    if (removed.length > 0) {
      this.log(
        `Removed ${removed.length} stale temp file(s) of interrupted saves in ${this.dataDir}: ` +
          removed.join(', '),
      );
    }
    return removed;
  }

  /** Reads a vendor CSV file and merges it into the cache: see {@link CsvBarStore.importCsv}. */
  async import(file: string, options: ImportOptions): Promise<ImportResult> {
    return this.importCsv(await fs.readFile(file), { ...options, source: file });
  }

  /**
   * Merges vendor CSV content (see `parseVendorCsv` for the formats) into the cache; a stream
   * of chunks (a request body) is parsed as it arrives. The bars are validated first: if they
   * have errors the import is refused with `InvalidBarsError` and nothing is written, unless
   * `repair` is set (then the repaired bars are imported). The file's bars replace cached bars
   * with the same timestamps; rows on no session are left out and reported in `rejected`.
   */
  async importCsv(
    content: string | Buffer | AsyncIterable<Buffer | string>,
    options: ImportOptions & { source?: string },
  ): Promise<ImportResult> {
    const symbol = normalizeSymbol(options.symbol);
    const timeframe = parseTimeframe(options.timeframe);
    const parseOptions = {
      timeframe,
      calendar: calendarFor(symbol),
      timeZone: options.timeZone,
      source: options.source,
    };
    const parsed =
      typeof content === 'string' || Buffer.isBuffer(content)
        ? parseVendorCsv(content, parseOptions)
        : await parseVendorCsvStream(content, parseOptions);
    // Millions of bars for a big file: validated in slices (in the blocks they were read in,
    // unless repaired), the server keeps answering.
    const validation =
      options.repair === true
        ? await validateBarsYielding(parsed.series, { repair: true })
        : await validateBarPages(parsed.parts.parts);
    if (validation.total_errors > 0 && !validation.repaired) {
      const kinds = validation.issues.map((i) => `${i.kind} ×${i.count}`).join(', ');
      throw new InvalidBarsError(`the file's bars are invalid (${kinds}); nothing was imported`);
    }
    const bars = validation.repaired ? SeriesParts.of([validation.repaired]) : parsed.parts;
    const merged = await this.merge(symbol, timeframe, bars);
    return {
      imported: bars.length,
      merged_total: merged?.count ?? 0,
      rejected: parsed.rejected,
      validation,
    };
  }

  /** Writes the series sorted and deduplicated; returns what it wrote. */
  private async writeFile(file: string, series: BarSeries): Promise<BarSeries> {
    const sorted = sortAndDedupe(series);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, formatBarsCsv(sorted), this.fs);
    return sorted;
  }

  /**
   * The stored file merged with `bars` (sorted, unique), stored bars in `replace` dropped,
   * written atomically as a stream; a stored file found out of order is read whole. Call it
   * under the series' lock.
   */
  private async rewrite(
    symbol: string,
    timeframe: string,
    bars: SeriesParts,
    replace?: { startMs: number; endMs: number },
  ): Promise<CsvRange | null> {
    const file = this.pathFor(symbol, timeframe);
    try {
      return await this.mergeStreaming(file, bars, replace);
    } catch (error) {
      if (!(error instanceof UnsortedCacheFileError))
        throw this.corruptOr(error, symbol, timeframe);
      const stored = await this.readOrEmpty(symbol, timeframe);
      const kept = replace ? withoutWindow(stored, replace) : stored;
      return rangeOf(await this.writeFile(file, mergeBars(kept, concatSeries(bars.parts))));
    }
  }

  /** Streams the stored file (if any) merged with `bars` into the atomic write. */
  private async mergeStreaming(
    file: string,
    bars: SeriesParts,
    replace?: { startMs: number; endMs: number },
  ): Promise<CsvRange | null> {
    let handle: FileHandle | null = null;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const range: CsvRange = { first: 0, last: 0, count: 0 };
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const chunks = mergedCsvChunks(handle, bars, range, {
        source: file,
        ...(replace ? { replace } : {}),
      });
      await writeFileAtomic(file, chunks, this.fs);
    } finally {
      await handle?.close();
    }
    return range.count > 0 ? range : null;
  }

  /** Runs `task` under the lock of the series `file` holds, keyed `{SYMBOL}_{timeframe}`. */
  private locked<T>(file: string, task: () => Promise<T>, { signal }: WriteOptions): Promise<T> {
    return this.lock.run(path.basename(file, '.csv'), task, signal);
  }
  /** The whole file parsed at once (a file out of order, which the page reader refuses). */
  private async readWhole(
    symbol: string,
    timeframe: string,
    range: { startMs?: number; endMs?: number },
  ): Promise<BarSeries> {
    const file = this.pathFor(symbol, timeframe);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      throw this.notFoundOr(error, symbol, timeframe);
    }
    try {
      return parseBarsCsv(bytes, { ...range, source: file });
    } catch (error) {
      throw this.corruptOr(error, symbol, timeframe);
    }
  }

  private async readOrEmpty(
    symbol: string,
    timeframe: string,
    range: { startMs?: number; endMs?: number } = {},
  ): Promise<BarSeries> {
    try {
      return await this.read(symbol, timeframe, range);
    } catch (error) {
      if (error instanceof SeriesNotFoundError) return emptySeries();
      throw error;
    }
  }

  /** A parse error of a cache file becomes CACHE_CORRUPT; the path goes to the log only. */
  private corruptOr(error: unknown, symbol: string, timeframe: string): unknown {
    if (!(error instanceof InvalidCsvError)) return error;
    this.log(`Unreadable cache file: ${error.message}`);
    return new CacheCorruptError(normalizeSymbol(symbol), parseTimeframe(timeframe), error);
  }

  private notFoundOr(error: unknown, symbol: string, timeframe: string): unknown {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
    return new SeriesNotFoundError(normalizeSymbol(symbol), parseTimeframe(timeframe));
  }
}

/** First, last and count of a sorted series; null when empty. */
function rangeOf(series: BarSeries): CsvRange | null {
  const n = series.t.length;
  return n === 0 ? null : { first: series.t[0]!, last: series.t[n - 1]!, count: n };
}
