import { DAY_MS } from './civil-date';

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * DAY_MS;

/** From `fromMs` (UTC) on, the zone is `offsetMin` minutes ahead of UTC. */
interface OffsetSpan {
  readonly fromMs: number;
  readonly offsetMin: number;
}

/**
 * UTC offsets of one IANA time zone, as a small table of transitions per UTC year, so that
 * wall-clock ↔ UTC conversion is plain arithmetic. The table is derived from the runtime's
 * time-zone data (`Intl.DateTimeFormat`): a year costs ~60 `Intl` calls (weekly samples, then a
 * binary search to the minute inside each week whose offset changed) instead of one per
 * conversion — the per-session luxon `DateTime` it replaces cost ~20 ms per year of NYSE
 * sessions on the event loop. Two transitions within one week are not expected in any zone
 * a calendar uses.
 */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly byYear = new Map<number, readonly OffsetSpan[]>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** Minutes the zone is ahead of UTC at the instant `ms`. */
  offsetAt(ms: number): number {
    const spans = this.spansOfYear(new Date(ms).getUTCFullYear());
    let offset = spans[0]!.offsetMin;
    for (const span of spans) {
      if (span.fromMs > ms) break;
      offset = span.offsetMin;
    }
    return offset;
  }

  /**
   * Epoch ms of the wall-clock time `localMs` (its fields read as if UTC). A wall time that
   * happens twice (a backward transition) gives the earlier instant; one skipped by a forward
   * transition moves forward by the gap (02:30 on a spring-forward night in New York → 03:30).
   */
  toUtc(localMs: number): number {
    // No zone changes offset twice within two days: the offsets one day either side are the
    // only candidates.
    const before = this.offsetAt(localMs - DAY_MS);
    const after = this.offsetAt(localMs + DAY_MS);
    for (const offset of before >= after ? [before, after] : [after, before]) {
      const utc = localMs - offset * MINUTE_MS;
      if (this.offsetAt(utc) === offset) return utc;
    }
    return localMs - before * MINUTE_MS;
  }

  private spansOfYear(year: number): readonly OffsetSpan[] {
    let spans = this.byYear.get(year);
    if (!spans) {
      const start = Date.UTC(year, 0, 1);
      const end = Date.UTC(year + 1, 0, 1);
      let before = this.lookUp(start);
      const list: OffsetSpan[] = [{ fromMs: start, offsetMin: before }];
      for (let from = start; from < end; from += WEEK_MS) {
        const to = Math.min(from + WEEK_MS, end);
        const after = this.lookUp(to);
        if (before !== after) {
          list.push({ fromMs: this.transitionIn(from, to, before), offsetMin: after });
        }
        before = after;
      }
      spans = list;
      this.byYear.set(year, spans);
    }
    return spans;
  }

  /** First minute in `(lowMs, highMs]` whose offset differs from `before` (`before` at lowMs). */
  private transitionIn(lowMs: number, highMs: number, before: number): number {
    let low = lowMs;
    let high = highMs;
    while (high - low > MINUTE_MS) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (this.lookUp(mid) === before) low = mid;
      else high = mid;
    }
    return high;
  }

  /** The offset at `ms` from the runtime's zone data (to the second). */
  private lookUp(ms: number): number {
    const instant = Math.floor(ms / 1000) * 1000;
    const parts = this.format.formatToParts(instant);
    const field = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((part) => part.type === type)?.value);
    const bc = parts.find((part) => part.type === 'era')?.value.startsWith('B') ?? false;
    const wall = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    wall.setUTCFullYear(bc ? 1 - field('year') : field('year'), field('month') - 1, field('day'));
    wall.setUTCHours(field('hour'), field('minute'), field('second'));
    return Math.round((wall.getTime() - instant) / MINUTE_MS);
  }
}
