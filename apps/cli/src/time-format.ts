/** `850ms`, `4.2s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatSeconds(Math.round(ms / 1000));
}

/** The ETA of a progress snapshot: `--` while unknown, else `12s`, `3m 05s`, `1h 02m`. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--';
  return formatSeconds(Math.ceil(seconds));
}

function formatSeconds(total: number): string {
  if (total < 60) return `${total}s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  return `${minutes}m ${pad(seconds)}s`;
}

/** ISO-8601 → `2024-05-01 12:03:04` (UTC, as the API stores it). */
export function formatTimestamp(iso: string | null): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Milliseconds between two ISO timestamps, or undefined when either is missing. */
export function elapsedMs(from: string | null, to: string | null): number | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) ? undefined : ms;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
