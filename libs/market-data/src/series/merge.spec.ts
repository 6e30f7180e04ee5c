import { seriesFromRows, type Bar, type BarSeries } from './bar-series';
import { mergeBars } from './merge';

const bar = (t: number, price = t): Bar => ({
  t,
  o: price,
  h: price + 1,
  l: price - 1,
  c: price,
  v: 10,
});
const rows = (s: BarSeries) => s.t.map((t, i) => [t, s.o[i]]);

describe('mergeBars', () => {
  it('lets a fetched bar replace the cached bar with the same timestamp', () => {
    const cached = seriesFromRows([bar(1), bar(2), bar(3)]);
    const fetched = seriesFromRows([bar(2, 200), bar(3, 300)]);
    expect(rows(mergeBars(cached, fetched))).toEqual([
      [1, 1],
      [2, 200],
      [3, 300],
    ]);
  });

  it('keeps cached bars outside the fetched range on both sides', () => {
    const cached = seriesFromRows([bar(1), bar(2), bar(8), bar(9)]);
    const fetched = seriesFromRows([bar(4), bar(5)]);
    expect(mergeBars(cached, fetched).t).toEqual([1, 2, 4, 5, 8, 9]);
  });

  it('sorts an unsorted fetched side (its last duplicate winning) and leaves inputs alone', () => {
    const cached = seriesFromRows([bar(1), bar(5)]);
    const fetched = seriesFromRows([bar(4), bar(2), bar(4, 40)]);
    const merged = mergeBars(cached, fetched);
    expect(rows(merged)).toEqual([
      [1, 1],
      [2, 2],
      [4, 40],
      [5, 5],
    ]);
    expect(fetched.t).toEqual([4, 2, 4]);
  });

  it('joins sides that do not overlap, in either order, into new arrays', () => {
    const early = seriesFromRows([bar(1), bar(2)]);
    const late = seriesFromRows([bar(3), bar(4, 40)]);
    const tail = mergeBars(early, late);
    expect(rows(tail)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 40],
    ]);
    expect(mergeBars(late, early).t).toEqual([1, 2, 3, 4]);
    expect(tail.t).not.toBe(early.t);
    // An empty side is no work: the other side comes back as it is (no copy).
    expect(mergeBars(late, seriesFromRows([]))).toBe(late);
  });

  it('handles empty sides', () => {
    const some = seriesFromRows([bar(1)]);
    const none = seriesFromRows([]);
    expect(mergeBars(none, some).t).toEqual([1]);
    expect(mergeBars(some, none).t).toEqual([1]);
    expect(mergeBars(none, none).t).toEqual([]);
  });

  it('agrees with a naive map-based merge on random input', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const cachedT = [
        ...new Set(Array.from({ length: 50 }, () => Math.floor(random() * 100))),
      ].sort((a, b) => a - b);
      const fetchedT = Array.from({ length: 30 }, () => Math.floor(random() * 100));
      const cached = seriesFromRows(cachedT.map((t) => bar(t)));
      const fetched = seriesFromRows(fetchedT.map((t, i) => bar(t, 1000 + i)));
      const expected = new Map<number, number>();
      cachedT.forEach((t) => expected.set(t, t));
      fetchedT.forEach((t, i) => expected.set(t, 1000 + i));
      expect(rows(mergeBars(cached, fetched))).toEqual(
        [...expected.entries()].sort((a, b) => a[0] - b[0]),
      );
    }
  });
});
