import { appendFile, writeFile } from 'node:fs/promises';
import { sliceByIndex } from '../series/bar-series';
import { MINUTE_BARS, useSeededCsvStore, utc } from './testing/seeded-csv-store';

describe('CsvBarStore.readPage', () => {
  const bars = MINUTE_BARS;
  const n = bars.t.length;
  const store = useSeededCsvStore('ktrdr-page-');

  it('answers the first `limit` bars and the start of the next page', async () => {
    const page = await store().readPage('EUR.USD', '1m', { limit: 100 });
    expect(page.bars).toEqual(sliceByIndex(bars, 0, 100));
    expect(page.next).toBe(bars.t[100]);
  });

  it('seeks to `startMs` and stops at `endMs` (both included); next is null at the end', async () => {
    const startMs = bars.t[12_345]!;
    const page = await store().readPage('EUR.USD', '1m', {
      startMs: startMs - 1,
      endMs: bars.t[12_349]!,
      limit: 1000,
    });
    expect(page.bars).toEqual(sliceByIndex(bars, 12_345, 12_350));
    expect(page.next).toBeNull();
    const exact = await store().readPage('EUR.USD', '1m', { startMs, endMs: startMs, limit: 1 });
    expect(exact.bars.t).toEqual([startMs]);
    expect(exact.next).toBeNull();
  });

  it('pages through the whole series exactly by following next', async () => {
    const seen: number[] = [];
    let startMs: number | undefined;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(20);
      const page = await store().readPage('EUR.USD', '1m', { startMs, limit: 2500 });
      seen.push(...page.bars.t);
      if (page.next === null) break;
      startMs = page.next;
    }
    expect(seen).toEqual(bars.t);
    expect(n).toBeGreaterThan(25_000);
  });

  it('reads only the part it needs: a damaged line after the page is not parsed', async () => {
    await appendFile(store().pathFor('EUR.USD', '1m'), 'garbage,line\n');
    const page = await store().readPage('EUR.USD', '1m', { startMs: bars.t[5000], limit: 10 });
    expect(page.bars.t).toEqual(bars.t.slice(5000, 5010));
    await expect(store().read('EUR.USD', '1m')).rejects.toMatchObject({ code: 'CACHE_CORRUPT' });
    await expect(
      store().readPage('EUR.USD', '1m', { startMs: bars.t[n - 5], limit: 10 }),
    ).rejects.toMatchObject({ code: 'CACHE_CORRUPT' });
  });

  it('reads a hand-dropped unsorted file right (whole, then sorted)', async () => {
    const file = store().pathFor('X', '1d');
    await writeFile(
      file,
      'timestamp,open,high,low,close,volume\r\n' +
        '2024-01-03T00:00:00Z,3,3,3,3,1\r\n\r\n' +
        '2024-01-01T00:00:00Z,1,1,1,1,1\r\n' +
        '2024-01-02T00:00:00Z,2,2,2,2,1',
    );
    const page = await store().readPage('X', '1d', { limit: 2 });
    expect(page.bars.o).toEqual([1, 2]);
    expect(page.next).toBe(utc('2024-01-03T00:00:00Z'));
  });

  it('answers an empty page past the last bar, SERIES_NOT_FOUND without a file', async () => {
    const page = await store().readPage('EUR.USD', '1m', { startMs: bars.t[n - 1]! + 1, limit: 5 });
    expect(page).toEqual({ bars: { t: [], o: [], h: [], l: [], c: [], v: [] }, next: null });
    await expect(store().readPage('NOPE', '1m', { limit: 5 })).rejects.toMatchObject({
      code: 'SERIES_NOT_FOUND',
    });
  });
});
