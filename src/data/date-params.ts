import { InvalidDateRangeError } from '@ktrdr/market-data';

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Epoch ms of an ISO-8601 date (`2024-01-31`, midnight UTC) or date-time with an explicit
 * zone (`2024-01-31T14:30:00Z`, `…+01:00`). A date-time without a zone is refused rather
 * than read in the server's local time. Throws InvalidDateRangeError naming the field.
 */
export function parseDateParam(value: string, field: string): number {
  const text = value.trim();
  const match = ISO_DATE.exec(text);
  const ms = match ? Date.parse(text) : NaN;
  if (!match || Number.isNaN(ms) || !sameCalendarDay(match)) {
    throw new InvalidDateRangeError(
      `${field} '${value}' is not an ISO-8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`,
    );
  }
  return ms;
}

/** Same check for an optional value. */
export function parseOptionalDate(value: string | undefined, field: string): number | null {
  return value === undefined || value.trim() === '' ? null : parseDateParam(value, field);
}

/** `Date.parse` rolls `2024-02-30` over to March: refuse dates that do not exist. */
function sameCalendarDay(match: RegExpExecArray): boolean {
  const [, y, m, d] = match;
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    probe.getUTCFullYear() === Number(y) &&
    probe.getUTCMonth() === Number(m) - 1 &&
    probe.getUTCDate() === Number(d)
  );
}
