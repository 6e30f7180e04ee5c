import { InvalidArgumentError } from 'commander';
import { UsageError } from './cli.errors';

/** The bar sizes the API loads (data.md, "Timeframes and symbols"), smallest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** What a load fetches (data.md, "Load modes"); the API's default is `tail`. */
export const LOAD_MODES = ['local', 'tail', 'backfill', 'full'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

/** The load DTO's length limit for a symbol. */
const SYMBOL_MAX_LENGTH = 64;
/** Starts with a letter or digit, then no whitespace, slash or backslash. */
const SYMBOL_SHAPE = /^[A-Za-z0-9][^\s/\\]*$/;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Commander parser of a SYMBOL argument: trimmed and upper-cased. It refuses only what can
 * never be a symbol or cannot travel as one URL path segment (empty, `..`, slashes, spaces);
 * the exact pattern is the API's rule, and the API has the last word on it.
 */
export function parseSymbolArg(value: string): string {
  const symbol = value.trim().toUpperCase();
  if (!SYMBOL_SHAPE.test(symbol) || symbol.length > SYMBOL_MAX_LENGTH) {
    throw new InvalidArgumentError(
      `Not a symbol: expected letters, digits, '.', '_' or '-' (e.g. AAPL, EUR.USD).`,
    );
  }
  return symbol;
}

/** Letters and digits only: anything else can never be a timeframe. */
const TIMEFRAME_SHAPE = /^[A-Za-z0-9]+$/;

/**
 * Commander parser of a TIMEFRAME argument or option: trimmed, otherwise as typed (`1M` is
 * not `1m`; the API decides and answers with the list). Only what can never be a timeframe
 * (empty, spaces, slashes, dots) is refused here.
 */
export function parseTimeframeArg(value: string): string {
  const timeframe = value.trim();
  if (!TIMEFRAME_SHAPE.test(timeframe)) {
    throw new InvalidArgumentError(`Supported timeframes: ${TIMEFRAMES.join(', ')}.`);
  }
  return timeframe;
}

/**
 * Commander parser of a date option: ISO-8601 date (`2024-01-31`, midnight UTC) or date-time
 * with a zone (`2024-01-31T14:30:00Z`), as the API accepts them. Returns the text as given.
 */
export function parseDateArg(value: string): string {
  const text = value.trim();
  if (epochMs(text) === null) {
    throw new InvalidArgumentError(
      'Expected an ISO-8601 date (YYYY-MM-DD) or date-time with a zone (YYYY-MM-DDTHH:MM:SSZ).',
    );
  }
  return text;
}

/**
 * Usage error unless `start` is before `end` (or, with `allowEqual`, the same instant).
 * Either may be missing; both are values `parseDateArg` accepted.
 */
export function assertDateOrder(
  start: string | undefined,
  end: string | undefined,
  allowEqual = false,
): void {
  if (start === undefined || end === undefined) return;
  const startMs = epochMs(start);
  const endMs = epochMs(end);
  if (startMs === null || endMs === null) return;
  if (startMs < endMs || (allowEqual && startMs === endMs)) return;
  throw new UsageError(
    `--start (${start}) must be ${allowEqual ? 'at or ' : ''}before --end (${end})`,
  );
}

/** Epoch ms of an ISO date the API accepts; null for anything else (incl. `2024-02-30`). */
function epochMs(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const [, y, m, d] = match.map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  const exists =
    day.getUTCFullYear() === y && day.getUTCMonth() === (m ?? 0) - 1 && day.getUTCDate() === d;
  return exists ? ms : null;
}
