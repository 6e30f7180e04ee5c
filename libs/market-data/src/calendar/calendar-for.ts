import { instrumentKind } from '../symbols';
import { ForexCalendar } from './forex-calendar';
import { NyseCalendar } from './nyse-calendar';
import type { TradingCalendar } from './trading-calendar';

/** Shared calendar instances (their per-year session caches are shared too). */
export const NYSE_CALENDAR = new NyseCalendar();
export const FOREX_CALENDAR = new ForexCalendar();

/**
 * The trading calendar of a symbol: {@link FOREX_CALENDAR} for `AAA.BBB` currency pairs,
 * {@link NYSE_CALENDAR} for everything else (US equities). Throws `InvalidSymbolError` for an
 * invalid symbol.
 */
export function calendarFor(symbol: string): TradingCalendar {
  const kind = instrumentKind(symbol);
  switch (kind) {
    case 'forex':
      return FOREX_CALENDAR;
    case 'stock':
      return NYSE_CALENDAR;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
