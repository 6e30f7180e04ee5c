import {
  assertDateRange,
  IB_MAX_SPAN_MS,
  InvalidDateRangeError,
  InvalidProviderRequestError,
  normalizeSymbol,
  parseTimeframe,
  type Timeframe,
} from '@ktrdr/market-data';
import type { HistoricalRequestDto } from './dto/historical-request.dto';

/** A historical request after validation: what the provider is asked. */
export interface ParsedHistoricalRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly startMs: number;
  readonly endMs: number;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Epoch ms of an ISO-8601 date or date-time; without a zone it is UTC (all timestamps are).
 * Throws INVALID_DATE_RANGE naming the field for anything else, including impossible dates.
 */
export function parseIsoInstant(text: string, field: string): number {
  const match = ISO_INSTANT.exec(text.trim());
  if (!match) {
    throw new InvalidDateRangeError(`${field} must be an ISO-8601 date or time, got "${text}"`);
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${(frac + '000').slice(0, 3)}${zone.toUpperCase()}`;
  const ms = Date.parse(iso);
  const sameDay =
    new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() === Number(d);
  if (!Number.isFinite(ms) || !sameDay || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new InvalidDateRangeError(`${field} is not a valid time: "${text}"`);
  }
  return ms;
}

/**
 * Validates symbol, timeframe and range (start < end, and no longer than one request may span:
 * `IB_MAX_SPAN_MS`, what the API's segments never exceed, so one answer stays bounded whatever
 * the provider); errors carry codes (→ 400).
 */
export function parseHistoricalRequest(dto: HistoricalRequestDto): ParsedHistoricalRequest {
  const symbol = normalizeSymbol(dto.symbol);
  const timeframe = parseTimeframe(dto.timeframe);
  const startMs = parseIsoInstant(dto.start, 'start');
  const endMs = parseIsoInstant(dto.end, 'end');
  assertDateRange(startMs, endMs);
  const maxSpanMs = IB_MAX_SPAN_MS[timeframe];
  if (endMs - startMs > maxSpanMs) {
    throw new InvalidProviderRequestError(
      `${timeframe} requests may span at most ${maxSpanMs / 86_400_000} days; split the range`,
    );
  }
  return { symbol, timeframe, startMs, endMs };
}
