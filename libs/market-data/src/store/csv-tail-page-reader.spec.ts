import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { sliceByIndex } from '../series/bar-series';
import { MINUTE_BARS, useSeededCsvStore, utc } from './testing/seeded-csv-store';

describe('CsvBarStore.readPageBefore', () => {
  const bars = MINUTE_BARS;
  const n = bars.t.length;
  const store = useSeededCsvStore('ktrdr-page-before-');

  it('without a cursor answers the last `limit` bars and the older page cursor', async () => {
    const page = await store().readPageBefore('EUR.USD', '1m', { limit: 100 });
    expect(page.bars).toEqual(sliceByIndex(bars, n - 100, n));
    expect(page.previous).toBe(bars.t[n - 100]);
  });

  it('answers the bars strictly before `beforeMs`, even between two bar times', async () => {
    const page = await store().readPageBefore('EUR.USD', '1m', {
      beforeMs: bars.t[12_345]!,
      limit: 5,
    });
    expect(page.bars).toEqual(sliceByIndex(bars, 12_340, 12_345));
    const between = await store().readPageBefore('EUR.USD', '1m', {
      beforeMs: bars.t[12_345]! - 1,
      limit: 5,
    });
    expect(between.bars.t).toEqual(page.bars.t);
  });

  it('walks the whole series back to the first bar by following previous', async () => {
    const pages: number[][] = [];
    let beforeMs: number | undefined;
    for (;;) {
      expect(pages.length).toBeLessThan(20);
      const page = await store().readPageBefore('EUR.USD', '1m', { beforeMs, limit: 2500 });
      pages.push(page.bars.t);
      if (page.previous === null) break;
      beforeMs = page.previous;
    }
    expect(pages.reverse().flat()).toEqual(bars.t);
    expect(n).toBeGreaterThan(25_000);
  });

  it('stops at `startMs` (included): previous is null when nothing older is in the window', async () => {
    const page = await store().readPageBefore('EUR.USD', '1m', {
      startMs: bars.t[1000]!,
      beforeMs: bars.t[1010]!,
      limit: 50,
    });
    expect(page.bars).toEqual(sliceByIndex(bars, 1000, 1010));
    expect(page.previous).toBeNull();
  });

  it('reads only the end it needs: a damaged line before the page is not parsed', async () => {
    const file = store().pathFor('EUR.USD', '1m');
    const text = await readFile(file, 'utf8');
    const header = text.indexOf('\n') + 1;
    await writeFile(file, `${text.slice(0, header)}garbage,line\n${text.slice(header)}`);
    const page = await store().readPageBefore('EUR.USD', '1m', { limit: 10 });
    expect(page.bars.t).toEqual(bars.t.slice(n - 10));
    await expect(
      store().readPageBefore('EUR.USD', '1m', { beforeMs: bars.t[3]!, limit: 10 }),
    ).rejects.toMatchObject({ code: 'CACHE_CORRUPT' });
  });

  it('reads a hand-dropped unsorted file right (whole, then sorted)', async () => {
    await writeFile(
      store().pathFor('X', '1d'),
      'timestamp,open,high,low,close,volume\r\n' +
        '2024-01-03T00:00:00Z,3,3,3,3,1\r\n\r\n' +
        '2024-01-01T00:00:00Z,1,1,1,1,1\r\n' +
        '2024-01-02T00:00:00Z,2,2,2,2,1',
    );
    const page = await store().readPageBefore('X', '1d', { limit: 2 });
    expect(page.bars.o).toEqual([2, 3]);
    expect(page.previous).toBe(utc('2024-01-02T00:00:00Z'));
  });

  it('answers an empty page before the first bar, SERIES_NOT_FOUND without a file', async () => {
    await appendFile(store().pathFor('EUR.USD', '1m'), '');
    const page = await store().readPageBefore('EUR.USD', '1m', { beforeMs: bars.t[0]!, limit: 5 });
    expect(page).toEqual({ bars: { t: [], o: [], h: [], l: [], c: [], v: [] }, previous: null });
    await expect(store().readPageBefore('NOPE', '1m', { limit: 5 })).rejects.toMatchObject({
      code: 'SERIES_NOT_FOUND',
    });
  });
});
