import {
  concatSeries,
  lowerBound,
  sliceByIndex,
  sortAndDedupe,
  type BarSeries,
} from './bar-series';
import { SeriesParts } from './series-parts';
import { generateSyntheticBars } from './synthetic-bars';

const utc = (iso: string) => Date.parse(iso);
// ~1,900 bars.
const bars = generateSyntheticBars(
  'AAPL',
  '1h',
  utc('2023-01-01T00:00:00Z'),
  utc('2024-04-01T00:00:00Z'),
);
/** `bars` cut at `cuts` (indexes), as separate arrays. */
const cut = (cuts: number[]): BarSeries[] =>
  [0, ...cuts].map((from, k) => sliceByIndex(bars, from, cuts[k] ?? bars.t.length));

describe('SeriesParts', () => {
  it('orders parts given out of order and leaves them unjoined', () => {
    const parts = cut([100, 101, 500, 900]);
    const series = SeriesParts.of([parts[3]!, parts[0]!, parts[4]!, parts[2]!, parts[1]!]);
    expect(series.parts).toEqual(parts);
    expect(series.parts[0]).toBe(parts[0]); // the part itself, not a copy
    expect(series.length).toBe(bars.t.length);
    expect([series.first, series.last]).toEqual([bars.t[0], bars.t.at(-1)]);
  });

  it('slices and searches across parts as the joined series would', () => {
    const series = SeriesParts.of(cut([1, 7, 300, 301, 302, 1000]));
    const n = bars.t.length;
    for (const [from, to] of [
      [0, n],
      [0, 1],
      [5, 9],
      [299, 303],
      [6, 1001],
      [n - 1, n],
      [40, 40],
    ]) {
      expect(series.slice(from!, to!)).toEqual(sliceByIndex(bars, from!, to!));
    }
    const probes = [
      bars.t[0]! - 1,
      bars.t[0]!,
      bars.t[7]!,
      bars.t[7]! + 1,
      bars.t[300]!,
      bars.t[n - 1]!,
      bars.t[n - 1]! + 1,
    ];
    for (const ms of probes) expect(series.lowerBound(ms)).toBe(lowerBound(bars.t, ms));
  });

  it('sorts each part and joins overlapping parts, the later part winning a timestamp', () => {
    const [a, b] = cut([200]);
    const overlap = {
      ...sliceByIndex(bars, 150, 250),
      c: bars.c.slice(150, 250).map((c) => c + 1),
    };
    const series = SeriesParts.of([a!, b!, overlap]);
    expect(series.parts).toHaveLength(1);
    expect(series.parts[0]).toEqual(sortAndDedupe(concatSeries([a!, b!, overlap])));
    expect(series.parts[0]!.c[150]).toBe(bars.c[150]! + 1);
    const reversed = sliceByIndex(bars, 0, 10);
    for (const k of ['t', 'o', 'h', 'l', 'c', 'v'] as const) reversed[k].reverse();
    expect(SeriesParts.of([reversed]).parts).toEqual([sliceByIndex(bars, 0, 10)]);
  });

  it('an empty series: no parts, no bars', () => {
    const series = SeriesParts.of([sliceByIndex(bars, 0, 0)]);
    expect([series.parts.length, series.length, series.first, series.last]).toEqual([
      0,
      0,
      undefined,
      undefined,
    ]);
    expect(series.slice(0, 0).t).toEqual([]);
    expect(series.lowerBound(0)).toBe(0);
  });
});
