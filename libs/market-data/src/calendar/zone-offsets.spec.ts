import { DateTime } from 'luxon';
import { DAY_MS, civilFromDays, daysFromCivil } from './civil-date';
import { ZoneOffsets } from './zone-offsets';

const HOUR_MS = 3_600_000;

describe('ZoneOffsets', () => {
  // luxon (a zone-aware date library) is the reference; ~50 µs a call keeps the sample small.
  it.each([
    [
      'America/New_York',
      1970,
      1,
      [
        [9, 30],
        [17, 0],
      ],
    ],
    ['Europe/London', 1990, 3, [[8, 0]]],
    ['Australia/Sydney', 1990, 3, [[10, 0]]],
    ['Asia/Kolkata', 1990, 3, [[9, 15]]],
  ] as const)(
    'gives the instant luxon gives in %s from %i to 2040 (every %i days)',
    (zone, fromYear, step, times) => {
      const offsets = new ZoneOffsets(zone);
      const mismatches: string[] = [];
      for (let day = daysFromCivil(fromYear, 1, 1); day < daysFromCivil(2041, 1, 1); day += step) {
        const { year, month, day: dom } = civilFromDays(day);
        for (const [hour, minute] of times) {
          const expected = DateTime.fromObject(
            { year, month, day: dom, hour, minute },
            { zone },
          ).toMillis();
          const actual = offsets.toUtc(day * DAY_MS + hour * HOUR_MS + minute * 60_000);
          if (actual !== expected) mismatches.push(`${year}-${month}-${dom} ${hour}:${minute}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('reads offsets either side of a transition to the minute', () => {
    const ny = new ZoneOffsets('America/New_York');
    // 2024-03-10 02:00 EST = 07:00 UTC: EST before, EDT from then on.
    const change = Date.UTC(2024, 2, 10, 7, 0);
    expect(ny.offsetAt(change - 60_000)).toBe(-300);
    expect(ny.offsetAt(change)).toBe(-240);
    expect(ny.offsetAt(Date.UTC(2024, 6, 1))).toBe(-240);
    expect(ny.offsetAt(Date.UTC(2024, 11, 1))).toBe(-300);
  });

  it('moves a skipped wall time forward and gives the earlier instant of a repeated one', () => {
    const ny = new ZoneOffsets('America/New_York');
    // 2024-03-10 02:30 does not exist in New York: 03:30 EDT = 07:30 UTC.
    expect(ny.toUtc(Date.UTC(2024, 2, 10, 2, 30))).toBe(Date.UTC(2024, 2, 10, 7, 30));
    // 2024-11-03 01:30 happens twice: first at EDT (05:30 UTC), then at EST (06:30 UTC).
    expect(ny.toUtc(Date.UTC(2024, 10, 3, 1, 30))).toBe(Date.UTC(2024, 10, 3, 5, 30));
    const berlin = new ZoneOffsets('Europe/Berlin');
    // 2024-10-27 02:30 happens twice in Berlin: at CEST (00:30 UTC), then at CET (01:30 UTC).
    expect(berlin.toUtc(Date.UTC(2024, 9, 27, 2, 30))).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });
});
