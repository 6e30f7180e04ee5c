import type { TradingCalendar } from '../calendar/trading-calendar';
import { concatSeries, emptySeries, type BarSeries } from '../series/bar-series';
import { SeriesParts } from '../series/series-parts';
import type { Timeframe } from '../timeframes';
import { InvalidCsvError } from './csv-bar-parser';
import { RejectionTally, type ImportRejections } from './import-rejections';
import { stampBar } from './session-stamp';
import { parseVendorTime } from './vendor-time';

/** Options of a vendor CSV read. */
export interface VendorCsvOptions {
  timeframe: Timeframe;
  /** The symbol's calendar: daily and weekly bars are stamped at their session's open. */
  calendar: TradingCalendar;
  /** IANA zone of times written without an offset (default UTC). */
  timeZone?: string;
  /** Named in error messages. */
  source?: string;
}

/** Bars read from a vendor file. */
export interface VendorCsvResult {
  /** Sorted, unique (the last row of a timestamp wins); not validated. Joined on first use. */
  readonly series: BarSeries;
  /**
   * The same bars in the blocks they were read in, never joined (a file in order, without
   * repeated timestamps, stays in its blocks: no array of millions of bars is built).
   */
  parts: SeriesParts;
  /** Data rows read. */
  rows: number;
  /** Rows left out (daily/weekly rows on a day without a session), by reason, with examples. */
  rejected: ImportRejections;
}

/** Rows per block of {@link VendorRowReader}. */
const BLOCK_BARS = 16_384;

const TIME_COLUMNS = ['timestamp', 'datetime', 'date', 'time', 'gmttime', 'localtime', 'ts'];
const PRICE_COLUMNS = {
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last'],
} as const;
const VOLUME_COLUMNS = ['volume', 'vol', 'v'];

/** Vendor times outside [1900-01-01, 2200-01-01) are refused: a mistyped or misread time. */
const FIRST_SANE_MS = Date.UTC(1900, 0, 1);
const END_SANE_MS = Date.UTC(2200, 0, 1);

interface ColumnMap {
  time: number;
  time2?: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
}

/**
 * Turns the records of a vendor CSV into bars, one record at a time (so a file can be read as
 * a stream): the header maps the columns (names case-insensitive, `<OPEN>` and `Adj Close`
 * styles), each row's time is read by `parseVendorTime` and stamped by `stampBar`, rows on no
 * session are tallied. A bad row throws {@link InvalidCsvError} naming its line.
 */
export class VendorRowReader {
  private readonly columns: ColumnMap;
  /** Rows in blocks of {@link BLOCK_BARS}: growing one array of millions copies it whole. */
  private readonly blocks: BarSeries[] = [];
  private block = emptySeries();
  private readonly rejections = new RejectionTally();
  private rows = 0;

  constructor(
    header: string[],
    private readonly options: VendorCsvOptions,
  ) {
    this.columns = mapColumns(header, options.source);
  }

  /** Reads one data record; `line` is its line in the file (for messages). */
  add(record: string[], line: number): void {
    const { columns, options } = this;
    const { source } = options;
    this.rows += 1;
    const cell = (index: number | undefined) => (index === undefined ? '' : (record[index] ?? ''));
    const timeText =
      columns.time2 === undefined
        ? cell(columns.time)
        : `${cell(columns.time)} ${cell(columns.time2)}`;
    const time = parseVendorTime(timeText, options.timeZone);
    if (!time) throw new InvalidCsvError(`unreadable time '${timeText}'`, line, source);
    if (!(time.ms >= FIRST_SANE_MS && time.ms < END_SANE_MS)) {
      throw new InvalidCsvError(`time '${timeText}' is outside 1900–2199`, line, source);
    }
    const stamp = stampBar(time, options.timeframe, options.calendar);
    if ('rejected' in stamp) {
      this.rejections.add({ line, time: timeText, reason: 'no_session', detail: stamp.rejected });
      return;
    }
    const number = (index: number | undefined, name: string, fallback?: number): number => {
      const raw = cell(index);
      if (raw === '' && fallback !== undefined) return fallback;
      const value = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) {
        throw new InvalidCsvError(`${name} '${raw}' is not a number`, line, source);
      }
      return value;
    };
    if (this.block.t.length === BLOCK_BARS) {
      this.blocks.push(this.block);
      this.block = emptySeries();
    }
    const series = this.block;
    series.t.push(stamp.ms);
    series.o.push(number(columns.open, 'open'));
    series.h.push(number(columns.high, 'high'));
    series.l.push(number(columns.low, 'low'));
    series.c.push(number(columns.close, 'close'));
    series.v.push(number(columns.volume, 'volume', 0));
  }

  result(): VendorCsvResult {
    const parts = SeriesParts.of([...this.blocks, this.block]);
    let joined: BarSeries | undefined;
    return {
      get series() {
        joined ??= parts.parts.length === 1 ? parts.parts[0]! : concatSeries(parts.parts);
        return joined;
      },
      parts,
      rows: this.rows,
      rejected: this.rejections.result(),
    };
  }
}

function mapColumns(header: string[], source?: string): ColumnMap {
  const names = header.map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const find = (candidates: readonly string[]) => {
    for (const candidate of candidates) {
      const index = names.indexOf(candidate);
      if (index >= 0) return index;
    }
    return undefined;
  };
  const missing = (what: string): never => {
    throw new InvalidCsvError(`no ${what} column in header '${header.join(',')}'`, 1, source);
  };
  const date = names.indexOf('date');
  const time = names.indexOf('time');
  const timeColumns =
    date >= 0 && time >= 0
      ? { time: date, time2: time }
      : { time: find(TIME_COLUMNS) ?? missing('time') };
  return {
    ...timeColumns,
    open: find(PRICE_COLUMNS.open) ?? missing('open'),
    high: find(PRICE_COLUMNS.high) ?? missing('high'),
    low: find(PRICE_COLUMNS.low) ?? missing('low'),
    close: find(PRICE_COLUMNS.close) ?? missing('close'),
    volume: find(VOLUME_COLUMNS),
  };
}
