import { parse } from 'csv-parse/sync';
import { DAY_MS } from '../calendar/civil-date';
import type { Session, TradingCalendar } from '../calendar/trading-calendar';
import { emptySeries, sortAndDedupe, type BarSeries } from '../series/bar-series';
import type { Timeframe } from '../timeframes';
import { InvalidCsvError } from './csv-bar-parser';
import { parseVendorTime, type VendorTime } from './vendor-time';

/** Options of {@link parseVendorCsv}. */
export interface VendorCsvOptions {
  timeframe: Timeframe;
  /** The symbol's calendar: daily and weekly bars are re-stamped at their session's open. */
  calendar: TradingCalendar;
  /** IANA zone of times written without an offset (default UTC). */
  timeZone?: string;
  /** Named in error messages. */
  source?: string;
}

/** Bars read from a vendor file. */
export interface VendorCsvResult {
  /** Sorted, unique (the last row of a timestamp wins); not validated. */
  series: BarSeries;
  /** Data rows read. */
  rows: number;
  /** Daily/weekly rows dated on a day without a session (weekend, holiday): left out. */
  skipped: number;
}

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

/**
 * Reads a CSV file from any vendor (through csv-parse): delimiter `,` `;` or tab (from the
 * header line), header names case-insensitive (`Open`, `<OPEN>`, `Adj Close` ignored); the time
 * from one of `timestamp|datetime|date|time|gmt time` or from separate `date` + `time` columns,
 * in any format {@link parseVendorTime} knows (epoch s/ms, ISO with offsets → UTC…) and within
 * the years 1900–2199; volume optional (0 when absent). Daily bars are stamped at their session's open and weekly bars at
 * their week's first session open, as the cache stores them. A bad row throws
 * {@link InvalidCsvError} naming its line.
 */
export function parseVendorCsv(input: string | Buffer, options: VendorCsvOptions): VendorCsvResult {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const { source } = options;
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info: true` csv-parse returns { record, info } objects; its types don't say so.
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new InvalidCsvError((error as Error).message, undefined, source);
  }
  const [header, ...rows] = records;
  if (!header) throw new InvalidCsvError('the file is empty', 1, source);
  const columns = mapColumns(header.record, source);
  const series = emptySeries();
  let skipped = 0;
  for (const { record, info } of rows) {
    const line = info.lines;
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
    const t = stamp(time, options);
    if (t === null) {
      skipped++;
      continue;
    }
    const number = (index: number | undefined, name: string, fallback?: number): number => {
      const raw = cell(index);
      if (raw === '' && fallback !== undefined) return fallback;
      const value = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value))
        throw new InvalidCsvError(`${name} '${raw}' is not a number`, line, source);
      return value;
    };
    series.t.push(t);
    series.o.push(number(columns.open, 'open'));
    series.h.push(number(columns.high, 'high'));
    series.l.push(number(columns.low, 'low'));
    series.c.push(number(columns.close, 'close'));
    series.v.push(number(columns.volume, 'volume', 0));
  }
  return { series: sortAndDedupe(series), rows: rows.length, skipped };
}

interface ColumnMap {
  time: number;
  time2?: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
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

/** The cache timestamp of a vendor time, or null for a daily/weekly row on a closed day. */
function stamp(time: VendorTime, options: VendorCsvOptions): number | null {
  const { timeframe, calendar } = options;
  if (timeframe !== '1d' && timeframe !== '1w') return time.ms;
  const session =
    time.date !== undefined ? calendar.sessionOn(time.date) : sessionFrom(calendar, time.ms);
  if (!session) return null;
  if (timeframe === '1d') return session.openMs;
  // Weekly: the first session of the week (Monday–Sunday of trading dates) holding `session`.
  const weekday = new Date(`${session.date}T00:00:00Z`).getUTCDay() || 7;
  const monday = Date.parse(`${session.date}T00:00:00Z`) - (weekday - 1) * DAY_MS;
  const week = calendar.sessions(monday - DAY_MS, session.closeMs - 1);
  const first = week.find((s) => Date.parse(`${s.date}T00:00:00Z`) >= monday);
  return (first ?? session).openMs;
}

/** The session containing `ms`, or the next one (a daily bar stamped at midnight). */
function sessionFrom(calendar: TradingCalendar, ms: number): Session | null {
  return calendar.sessions(ms, ms + 7 * DAY_MS).find((s) => s.closeMs > ms) ?? null;
}
