import { DateTime } from 'luxon';
import { daysFromCivil, daysInMonth, DAY_MS } from '../calendar/civil-date';

/** A vendor time: epoch ms, and whether the text was a date only (no time of day). */
export interface VendorTime {
  ms: number;
  dateOnly: boolean;
  /** The calendar date as written (`YYYY-MM-DD`); absent for epoch times. */
  date?: string;
}

const ISO_DATE = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const EU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/;
const TIME = /^(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?/;
const ZONE = /^(?:Z|UTC|GMT)?\s*(?:([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * Reads the time formats vendors use:
 * - epoch seconds or milliseconds (digits; ≥ 1e11 means milliseconds);
 * - `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`, US `MM/DD/YYYY`, European `DD.MM.YYYY`, each
 *   optionally followed (after `T` or spaces) by `HH:MM[:SS[.fff]]` or `HHMMSS`, and an offset
 *   (`Z`, `UTC`, `GMT`, `+02:00`, `-0500`, `GMT+0000`).
 * Times without an offset are read in `timeZone` (an IANA name, default UTC).
 * Returns null when the text is none of these.
 */
export function parseVendorTime(text: string, timeZone = 'UTC'): VendorTime | null {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s) && !(s.length === 8 && ISO_DATE.test(s) && isDate(s))) {
    const n = Number(s);
    return { ms: Math.round(n >= 1e11 ? n : n * 1000), dateOnly: false };
  }
  let match = ISO_DATE.exec(s);
  let [year, month, day] = match ? [match[1], match[2], match[3]].map(Number) : [];
  if (!match && (match = US_DATE.exec(s)))
    [month, day, year] = [match[1], match[2], match[3]].map(Number);
  if (!match && (match = EU_DATE.exec(s)))
    [day, month, year] = [match[1], match[2], match[3]].map(Number);
  if (!match || year === undefined || month === undefined || day === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;

  const rest = s
    .slice(match[0].length)
    .replace(/^(T|\s+)/, '')
    .trim();
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (rest === '') {
    const midnight = DateTime.fromObject({ year, month, day }, { zone: timeZone });
    return { ms: midnight.toMillis(), dateOnly: true, date };
  }
  const time = TIME.exec(rest);
  if (!time) return null;
  const [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  const millisecond = Math.round(Number(`0.${time[4] ?? '0'}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zoneText = rest.slice(time[0].length).trim();
  const zone = ZONE.exec(zoneText);
  if (!zone) return null;
  // An explicit offset, or Z/UTC/GMT alone (offset 0): plain arithmetic, no time-zone lookup.
  if (zone[1] !== undefined || zoneText !== '') {
    const offsetMin =
      zone[1] === undefined
        ? 0
        : (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    const utc =
      daysFromCivil(year, month, day) * DAY_MS +
      ((hour * 60 + minute - offsetMin) * 60 + second) * 1000;
    return { ms: utc + millisecond, dateOnly: false, date };
  }
  const local = DateTime.fromObject(
    { year, month, day, hour, minute, second, millisecond },
    { zone: timeZone },
  );
  return local.isValid ? { ms: local.toMillis(), dateOnly: false, date } : null;
}

function isDate(yyyymmdd: string): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6)].map(Number);
  return y! >= 1900 && m! >= 1 && m! <= 12 && d! >= 1 && d! <= daysInMonth(y!, m!);
}
