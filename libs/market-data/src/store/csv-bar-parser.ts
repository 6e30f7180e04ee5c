import { MarketDataError, MarketDataErrorCode } from '../errors';
import { sortAndDedupe, type BarSeries } from '../series/bar-series';
import { parseTimestampAt } from './csv-timestamp';

/** The header line of a cache file (data.md). */
export const CSV_HEADER = 'timestamp,open,high,low,close,volume';

/** A CSV file that cannot be read as bars; `line` is 1-based (the header is line 1). */
export class InvalidCsvError extends MarketDataError {
  readonly line: number | undefined;
  /** What is wrong, without the source and line. */
  readonly reason: string;

  constructor(message: string, line?: number, source?: string) {
    // A line number is unknown (NaN) in a part of a file read after a seek.
    if (Number.isNaN(line)) line = undefined;
    const where = [source, line === undefined ? undefined : `line ${line}`].filter(Boolean);
    super(
      MarketDataErrorCode.INVALID_CSV,
      where.length ? `${where.join(', ')}: ${message}` : message,
    );
    this.line = line;
    this.reason = message;
  }
}

/** Options of {@link parseBarsCsv}. */
export interface ParseBarsOptions {
  /** Keep only bars with `startMs <= t <= endMs`; other lines are skipped unparsed. */
  startMs?: number;
  endMs?: number;
  /** Named in error messages (a file path). */
  source?: string;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const LF = 10;
const CR = 13;
const COMMA = 44;
const SLOW_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// A local binding: global lookups are slow inside vm contexts (jest on Node 20).
const isNotANumber = Number.isNaN;

/** Position just after the last number parsed (module state: parsing is synchronous). */
let numberEnd = 0;

/**
 * Parses a cache file (our fixed format, data.md) from bytes, by hand: no strings per line or
 * field, timestamps by arithmetic with a per-day cache, decimals by an exact fast path (up to
 * 15 significant digits: integer mantissa / power of ten, which rounds exactly as
 * `parseFloat`), anything else through `Number`. Accepts `\r\n`, blank lines and a missing
 * final newline. A malformed line throws {@link InvalidCsvError} with its line number. A file
 * that is not sorted or has duplicate timestamps is returned sorted, the last copy winning.
 */
export function parseBarsCsv(buf: Uint8Array, options: ParseBarsOptions = {}): BarSeries {
  const from = skipHeader(buf, options.source);
  const { series, sorted } = parseBarRows(buf, from, { ...options, firstLine: 2 });
  return sorted ? series : sortAndDedupe(series);
}

/** Options of {@link parseBarRows}: those of {@link parseBarsCsv}, and where to stop. */
export interface ParseBarRowsOptions extends ParseBarsOptions {
  /** Stop once this many bars were kept (default: no limit). */
  maxBars?: number;
  /** Stop at the first bar after `endMs` (a sorted file has nothing further to keep). */
  stopPastEnd?: boolean;
  /** Line number of the line at `pos`, for error messages (unknown after a seek: omitted). */
  firstLine?: number;
}

/** What {@link parseBarRows} read: the bars in file order, whether they ascend, where it stopped. */
export interface ParsedRows {
  series: BarSeries;
  /** True when the kept bars' timestamps strictly ascend. */
  sorted: boolean;
  /** True when it stopped at a bar after `endMs` (with `stopPastEnd`). */
  pastEnd: boolean;
}

/**
 * The bar lines of a cache file from `pos` (a line start after the header) on, as
 * {@link parseBarsCsv} reads them but in file order (not sorted) and stopping after
 * `maxBars` kept bars: the page reader parses a part of a file with it.
 */
export function parseBarRows(
  buf: Uint8Array,
  from: number,
  options: ParseBarRowsOptions = {},
): ParsedRows {
  const { source } = options;
  const startMs = options.startMs ?? Number.NEGATIVE_INFINITY;
  const endMs = options.endMs ?? Number.POSITIVE_INFINITY;
  const maxBars = options.maxBars ?? Number.POSITIVE_INFINITY;
  const filtered = options.startMs !== undefined || options.endMs !== undefined;
  const len = buf.length;
  let pos = from;
  // Sized up front (one count of newlines): growing six arrays by doubling costs more in
  // copies and garbage collection than this scan.
  const capacity = filtered || maxBars < Infinity ? 0 : countNewlines(buf, pos) + 1;
  const ts = preallocate(capacity);
  const os = preallocate(capacity);
  const hs = preallocate(capacity);
  const ls = preallocate(capacity);
  const cs = preallocate(capacity);
  const vs = preallocate(capacity);
  let n = 0;
  let line = options.firstLine === undefined ? Number.NaN : options.firstLine - 1;
  let previous = Number.NEGATIVE_INFINITY;
  let sorted = true;
  let pastEnd = false;

  while (pos < len && n < maxBars) {
    line++;
    const first = buf[pos];
    if (first === LF) {
      pos++;
      continue;
    }
    if (first === CR && (pos + 1 === len || buf[pos + 1] === LF)) {
      pos += 2;
      continue;
    }
    const t = pos + 21 <= len ? parseTimestampAt(buf, pos) : Number.NaN;
    if (isNotANumber(t) || buf[pos + 20] !== COMMA) {
      throw new InvalidCsvError(
        'expected a timestamp YYYY-MM-DDTHH:MM:SSZ then a comma',
        line,
        source,
      );
    }
    if (t > endMs && options.stopPastEnd) {
      pastEnd = true;
      break;
    }
    pos += 21;
    if (filtered && (t < startMs || t > endMs)) {
      const next = buf.indexOf(LF, pos);
      pos = next < 0 ? len : next + 1;
      continue;
    }
    const o = parseNumber(buf, pos, line, source);
    if (buf[numberEnd] !== COMMA) throw fieldsError(line, source);
    const h = parseNumber(buf, numberEnd + 1, line, source);
    if (buf[numberEnd] !== COMMA) throw fieldsError(line, source);
    const l = parseNumber(buf, numberEnd + 1, line, source);
    if (buf[numberEnd] !== COMMA) throw fieldsError(line, source);
    const c = parseNumber(buf, numberEnd + 1, line, source);
    if (buf[numberEnd] !== COMMA) throw fieldsError(line, source);
    const v = parseNumber(buf, numberEnd + 1, line, source);
    pos = numberEnd;
    if (pos < len) {
      const end = buf[pos];
      if (end === LF) pos++;
      else if (end === CR && (pos + 1 === len || buf[pos + 1] === LF)) pos += 2;
      else throw fieldsError(line, source);
    }
    if (t <= previous) sorted = false;
    previous = t;
    if (n < capacity) {
      ts[n] = t;
      os[n] = o;
      hs[n] = h;
      ls[n] = l;
      cs[n] = c;
      vs[n] = v;
    } else {
      ts.push(t);
      os.push(o);
      hs.push(h);
      ls.push(l);
      cs.push(c);
      vs.push(v);
    }
    n++;
  }
  for (const column of [ts, os, hs, ls, cs, vs]) column.length = n;
  return { series: { t: ts, o: os, h: hs, l: ls, c: cs, v: vs }, sorted, pastEnd };
}

/** Number of `\n` bytes from `from` on. */
function countNewlines(buf: Uint8Array, from: number): number {
  let count = 0;
  for (let i = buf.indexOf(LF, from); i >= 0; i = buf.indexOf(LF, i + 1)) count++;
  return count;
}

/** A packed array of `size` doubles (filled, so V8 keeps it packed rather than holey). */
function preallocate(size: number): number[] {
  return new Array<number>(size).fill(0.5);
}

function fieldsError(line: number, source: string | undefined): InvalidCsvError {
  return new InvalidCsvError('expected 6 comma-separated fields', line, source);
}

/** Checks the header line and returns the position of the first data line. */
export function skipHeader(buf: Uint8Array, source?: string): number {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let end = buf.indexOf(LF, start);
  const next = end < 0 ? buf.length : end + 1;
  if (end < 0) end = buf.length;
  if (end > start && buf[end - 1] === CR) end--;
  const header = Buffer.from(buf.buffer, buf.byteOffset + start, end - start)
    .toString('latin1')
    .trim()
    .toLowerCase();
  if (header !== CSV_HEADER) {
    throw new InvalidCsvError(`expected the header '${CSV_HEADER}'`, 1, source);
  }
  return next;
}

/** Parses the number at `pos`; sets {@link numberEnd} to the byte after it. */
function parseNumber(buf: Uint8Array, pos: number, line: number, source?: string): number {
  const start = pos;
  let c = buf[pos];
  const negative = c === 45;
  if (negative) c = buf[++pos];
  let mantissa = 0;
  let count = 0;
  let scale = 0;
  while (c !== undefined && c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    count++;
    c = buf[++pos];
  }
  if (c === 46) {
    c = buf[++pos];
    while (c !== undefined && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      count++;
      scale++;
      c = buf[++pos];
    }
  }
  if (count > 0 && count <= 15 && (c === COMMA || c === LF || c === CR || c === undefined)) {
    numberEnd = pos;
    const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
    return negative ? -value : value;
  }
  return parseNumberSlowly(buf, start, line, source);
}

/** Exponents, more than 15 digits, a leading '+': the general (still exact) path. */
function parseNumberSlowly(buf: Uint8Array, start: number, line: number, source?: string): number {
  let end = start;
  while (end < buf.length && buf[end] !== COMMA && buf[end] !== LF && buf[end] !== CR) end++;
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
  const value = SLOW_NUMBER.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new InvalidCsvError(`'${text}' is not a finite number`, line, source);
  }
  numberEnd = end;
  return value;
}
