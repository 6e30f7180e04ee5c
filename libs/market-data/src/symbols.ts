import path from 'node:path';
import { MarketDataError, MarketDataErrorCode } from './errors';

const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;
const FOREX_PATTERN = /^[A-Z]{3}\.[A-Z]{3}$/;

/** What kind of instrument a symbol names; decides its trading calendar. */
export type InstrumentKind = 'stock' | 'forex';

/** Thrown for a symbol that does not match the allowed pattern or would escape the data dir. */
export class InvalidSymbolError extends MarketDataError {
  constructor(input: string, reason = 'expected 1-20 of A-Z 0-9 . _ - starting with A-Z or 0-9') {
    super(MarketDataErrorCode.INVALID_SYMBOL, `Invalid symbol '${input}': ${reason}`);
  }
}

/**
 * The canonical form of a symbol: trimmed, upper-cased and matching
 * `^[A-Z0-9][A-Z0-9._-]{0,19}$`. Throws {@link InvalidSymbolError} otherwise.
 *
 * @example normalizeSymbol(' eur.usd ') // 'EUR.USD'
 */
export function normalizeSymbol(input: string): string {
  const symbol = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!SYMBOL_PATTERN.test(symbol)) throw new InvalidSymbolError(String(input));
  return symbol;
}

/**
 * `'forex'` for a currency pair written `AAA.BBB` (two three-letter ISO codes, e.g. `EUR.USD`),
 * `'stock'` for everything else.
 */
export function instrumentKind(symbol: string): InstrumentKind {
  return FOREX_PATTERN.test(normalizeSymbol(symbol)) ? 'forex' : 'stock';
}

/**
 * Resolves `fileName` (built from a normalized symbol) inside `dir` and checks that the result
 * is a direct child of `dir`. The symbol pattern already forbids separators and `..`, this is
 * the second lock: nothing a client sends can name a path outside the data directory.
 */
export function resolveInside(dir: string, fileName: string, symbol: string): string {
  const root = path.resolve(dir);
  const resolved = path.resolve(root, fileName);
  if (path.dirname(resolved) !== root || path.basename(resolved) !== fileName) {
    throw new InvalidSymbolError(symbol, 'it does not name a file inside the data directory');
  }
  return resolved;
}
