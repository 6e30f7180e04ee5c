import { daysFromCivil, daysInMonth, DAY_MS } from '../calendar/civil-date';

// The last day parsed: consecutive bars mostly share their date (module state: parsing is
// synchronous).
let cachedDayKey = -1;
let cachedDayMs = 0;

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SSZ` at `pos` (20 bytes, caller checks they exist), or NaN
 * when it is not exactly that or not a real date/time.
 */
export function parseTimestampAt(buf: Uint8Array, pos: number): number {
  if (
    buf[pos + 4] !== 45 ||
    buf[pos + 7] !== 45 ||
    buf[pos + 10] !== 84 ||
    buf[pos + 13] !== 58 ||
    buf[pos + 16] !== 58 ||
    buf[pos + 19] !== 90
  ) {
    return Number.NaN;
  }
  const year = digits(buf, pos, 4);
  const month = digits(buf, pos + 5, 2);
  const day = digits(buf, pos + 8, 2);
  const hour = digits(buf, pos + 11, 2);
  const minute = digits(buf, pos + 14, 2);
  const second = digits(buf, pos + 17, 2);
  if ((year | month | day | hour | minute | second) < 0) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const key = year * 10_000 + month * 100 + day;
  if (key !== cachedDayKey) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    cachedDayKey = key;
    cachedDayMs = daysFromCivil(year, month, day) * DAY_MS;
  }
  return cachedDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** The decimal number of `count` digits at `pos`, or -1 when one is not a digit. */
function digits(buf: Uint8Array, pos: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const d = buf[pos + i]! - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}
