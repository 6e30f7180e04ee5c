import { DAY_MS, formatDay } from '../calendar/civil-date';
import { MarketDataError, MarketDataErrorCode } from '../errors';
import type { BarSeries } from '../series/bar-series';
import { CSV_HEADER } from './csv-bar-parser';

/** Bars that cannot be stored or imported (a non-finite value, a sub-second timestamp…). */
export class InvalidBarsError extends MarketDataError {
  constructor(message: string) {
    super(MarketDataErrorCode.INVALID_BARS, message);
  }
}

// A local binding: global lookups are slow inside vm contexts (jest on Node 20).
const { isFinite } = Number;

let cachedDay = Number.NaN;
let cachedDate = '';

/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years a 4-digit `YYYY` can hold. */
const MIN_STORABLE_MS = -62_167_219_200_000;
const END_STORABLE_MS = 253_402_300_800_000;

/**
 * `YYYY-MM-DDTHH:MM:SSZ` of an epoch-ms time. Throws {@link InvalidBarsError} for a time that
 * is not finite, not a whole second or outside the years 0000–9999 (the format could not store
 * it so that it reads back).
 */
export function formatTimestamp(ms: number): string {
  if (!isFinite(ms) || ms % 1000 !== 0) {
    throw new InvalidBarsError(`timestamp ${ms} is not a whole second`);
  }
  if (ms < MIN_STORABLE_MS || ms >= END_STORABLE_MS) {
    throw new InvalidBarsError(`timestamp ${ms} is outside the years 0000–9999`);
  }
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = formatDay(day);
  }
  const seconds = (ms - day * DAY_MS) / 1000;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `${cachedDate}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}Z`;
}

function formatValue(value: number, field: string, t: number): string {
  if (!isFinite(value)) {
    throw new InvalidBarsError(`bar ${formatTimestamp(t)}: ${field} is ${value}`);
  }
  return String(value); // shortest text that reads back to the same double
}

/**
 * The cache-file text of a sorted series, header first, in chunks of `barsPerChunk` lines
 * (lazily: a bar that cannot be formatted throws when its chunk is produced; small chunks keep
 * the event loop responsive while a large series is written). `header` false: the lines only.
 */
export function* formatBarsCsv(
  series: BarSeries,
  barsPerChunk = 1024,
  header = true,
): Generator<string> {
  if (header) yield `${CSV_HEADER}\n`;
  const { t, o, h, l, c, v } = series;
  for (let start = 0; start < t.length; start += barsPerChunk) {
    const end = Math.min(t.length, start + barsPerChunk);
    let chunk = '';
    for (let i = start; i < end; i++) {
      const ti = t[i]!;
      chunk += `${formatTimestamp(ti)},${formatValue(o[i]!, 'open', ti)},${formatValue(h[i]!, 'high', ti)},${formatValue(l[i]!, 'low', ti)},${formatValue(c[i]!, 'close', ti)},${formatValue(v[i]!, 'volume', ti)}\n`;
    }
    yield chunk;
  }
}
