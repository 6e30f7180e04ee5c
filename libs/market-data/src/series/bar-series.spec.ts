import {
  type BarSeries,
  concatSeries,
  concatSeriesSteps,
  emptySeries,
  firstBar,
  lastBar,
  seriesFromRows,
  seriesLength,
  sliceByTime,
  sortAndDedupe,
} from './bar-series';

const series = seriesFromRows(
  [10, 20, 30, 40].map((t) => ({ t, o: t + 1, h: t + 2, l: t, c: t + 1, v: t * 10 })),
);

describe('BarSeries helpers', () => {
  it('builds columns from rows and reads bars back', () => {
    expect(series.t).toEqual([10, 20, 30, 40]);
    expect(series.v).toEqual([100, 200, 300, 400]);
    expect(seriesLength(series)).toBe(4);
    expect(firstBar(series)).toEqual({ t: 10, o: 11, h: 12, l: 10, c: 11, v: 100 });
    expect(lastBar(series)?.t).toBe(40);
    expect(firstBar(emptySeries())).toBeUndefined();
  });

  it('slices by time with both ends included', () => {
    expect(sliceByTime(series, 20, 30).t).toEqual([20, 30]);
    expect(sliceByTime(series, 15, 35).c).toEqual([21, 31]);
    expect(sliceByTime(series, 41, 50).t).toEqual([]);
    expect(sliceByTime(series, 30, 20).t).toEqual([]);
    expect(sliceByTime(series, -Infinity, Infinity).t).toEqual([10, 20, 30, 40]);
  });

  it('sorts and keeps the last of equal timestamps', () => {
    const messy = seriesFromRows([
      { t: 3, o: 1, h: 1, l: 1, c: 1, v: 1 },
      { t: 1, o: 2, h: 2, l: 2, c: 2, v: 2 },
      { t: 3, o: 3, h: 3, l: 3, c: 3, v: 3 },
    ]);
    const clean = sortAndDedupe(messy);
    expect(clean.t).toEqual([1, 3]);
    expect(clean.o).toEqual([2, 3]);
    expect(sortAndDedupe(series)).toBe(series);
  });
});

describe('concatSeriesSteps', () => {
  const part = (from: number, n: number): BarSeries => {
    const t = Array.from({ length: n }, (_, i) => (from + i) * 60_000);
    return { t, o: t.map(() => 1), h: t.map(() => 2), l: t.map(() => 0.5), c: t, v: t };
  };

  it('joins the parts in order, pausing after each column sized and every 16k bars copied', () => {
    const parts = [part(0, 10_000), part(10_000, 30_000), part(40_000, 5)];
    const steps = concatSeriesSteps(parts);
    let pauses = 0;
    let next = steps.next();
    while (!next.done) {
      pauses++;
      next = steps.next();
    }
    expect(pauses).toBe(8); // one per column sized, then after 16,384 and 32,768 bars
    expect(next.value.t).toEqual([...parts[0]!.t, ...parts[1]!.t, ...parts[2]!.t]);
    expect(next.value.c).toEqual(next.value.t);
    expect(concatSeries(parts)).toEqual(next.value);
  });
});
