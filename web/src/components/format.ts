/** "4 s", "3 min 12 s", "2 h 05 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** How long ago `iso` was, from `now`. */
export function formatAge(iso: string, now: number): string {
  return `${formatDuration(now - Date.parse(iso))} ago`;
}

/** From start to end (or to now while running); "—" before it started. */
export function formatRunTime(started: string | null, ended: string | null, now: number): string {
  if (started === null) return '—';
  return formatDuration((ended === null ? now : Date.parse(ended)) - Date.parse(started));
}

/** Local date and time, to the second. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { hour12: false });
}
