import { BarSizeSetting } from '@stoqey/ib';
import type { Timeframe } from '../../timeframes';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
/** IB accepts at most 86400 S; a smaller span in seconds must be at least 30 S. */
const MAX_SECONDS = 86_400;
const MIN_SECONDS = 30;
/** Durations longer than 365 days must be given in years. */
const MAX_DAYS = 365;

/** IB's bar size string for each of our timeframes. */
export const IB_BAR_SIZES: Readonly<Record<Timeframe, BarSizeSetting>> = {
  '1m': BarSizeSetting.MINUTES_ONE,
  '5m': BarSizeSetting.MINUTES_FIVE,
  '15m': BarSizeSetting.MINUTES_FIFTEEN,
  '30m': BarSizeSetting.MINUTES_THIRTY,
  '1h': BarSizeSetting.HOURS_ONE,
  '4h': BarSizeSetting.HOURS_FOUR,
  '1d': BarSizeSetting.DAYS_ONE,
  '1w': BarSizeSetting.WEEKS_ONE,
};

/**
 * The IB duration string covering [startMs, endMs] counted back from the end, in the smallest
 * documented unit that can express it: seconds (`S`, 30..86400, intraday bar sizes only),
 * then days (`D`, up to 365), then years (`Y`). Weeks and months are never needed: 365 D
 * covers every span that 52 W or 12 M would. The span is rounded up, so IB may return a little
 * more than asked; the caller trims to the range.
 */
export function ibDuration(startMs: number, endMs: number, timeframe: Timeframe): string {
  const spanMs = Math.max(0, endMs - startMs);
  const intraday = timeframe !== '1d' && timeframe !== '1w';
  const seconds = Math.ceil(spanMs / SECOND_MS);
  if (intraday && seconds <= MAX_SECONDS) return `${Math.max(MIN_SECONDS, seconds)} S`;
  const days = Math.max(1, Math.ceil(spanMs / DAY_MS));
  if (days <= MAX_DAYS) return `${days} D`;
  return `${Math.ceil(days / MAX_DAYS)} Y`;
}

/** IB's UTC `endDateTime` form, `YYYYMMDD-HH:mm:ss`. */
export function ibEndDateTime(endMs: number): string {
  const iso = new Date(endMs).toISOString(); // 2024-01-31T16:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}`;
}

/**
 * Reads a bar time sent by IB with `formatDate=2`: epoch seconds for intraday bars, and
 * `YYYYMMDD` for daily and weekly bars (IB sends those as a date whatever formatDate says).
 * Returns epoch ms, or `{ date: 'YYYY-MM-DD' }` for a bare date, which only the trading
 * calendar can place. Anything else (a zoned `formatDate=1` string) is refused rather than guessed.
 */
export function parseIbTime(text: string): number | { date: string } {
  const value = text.trim();
  if (/^\d{9,11}$/.test(value)) return Number(value) * SECOND_MS;
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (date) return { date: `${date[1]}-${date[2]}-${date[3]}` };
  throw new RangeError(`Unrecognised IB time "${text}" (expected epoch seconds or YYYYMMDD)`);
}
