import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { concatSeries, sliceByIndex, type BarSeries } from '../series/bar-series';
import { SeriesParts } from '../series/series-parts';
import { generateSyntheticBars } from '../series/synthetic-bars';
import { NODE_ATOMIC_WRITE_FS, type AtomicWriteFs } from './atomic-file-writer';
import { formatBarsCsv } from './csv-bar-format';
import * as parser from './csv-bar-parser';
import { CsvBarStore } from './csv-bar-store';

jest.mock('./csv-bar-parser', () => {
  const actual = jest.requireActual<typeof import('./csv-bar-parser')>('./csv-bar-parser');
  return {
    ...actual,
    parseBarsCsv: jest.fn(actual.parseBarsCsv),
    parseBarRows: jest.fn(actual.parseBarRows),
  };
});

const utc = (iso: string) => Date.parse(iso);
const minutes = (from: string, to: string) =>
  generateSyntheticBars('AAPL', '1m', utc(from), utc(to));
const bumped = (bars: BarSeries): BarSeries => ({ ...bars, c: bars.c.map((c) => c + 0.5) });

describe('CsvBarStore.merge as a stream', () => {
  let dir: string;
  let store: CsvBarStore;
  const parseWhole = parser.parseBarsCsv as jest.Mock;
  const parseRows = parser.parseBarRows as jest.Mock;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-merge-'));
    store = new CsvBarStore(dir);
    parseWhole.mockClear();
    parseRows.mockClear();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The largest number of stored bars one parse materialised during the merge. */
  const largestParse = () =>
    Math.max(
      0,
      ...parseRows.mock.results.map((r) => (r.value as { series: BarSeries }).series.t.length),
    );

  it('never materialises the whole stored series (a merge into a large file)', async () => {
    const stored = minutes('2024-01-01T00:00:00Z', '2024-07-01T00:00:00Z'); // ~48k bars, ~2.7 MB
    await store.write('AAPL', '1m', stored);
    const fresh = minutes('2024-07-01T00:00:00Z', '2024-07-03T00:00:00Z');
    parseRows.mockClear();
    const range = await store.merge('AAPL', '1m', fresh);
    expect(parseWhole).not.toHaveBeenCalled();
    expect(parseRows.mock.calls.length).toBeGreaterThan(1);
    expect(largestParse()).toBeLessThan(stored.t.length / 2);
    const total = stored.t.length + fresh.t.length;
    expect(range).toEqual({ first: stored.t[0], last: fresh.t.at(-1), count: total });
    expect(await store.read('AAPL', '1m')).toEqual(concatSeries([stored, fresh]));
  });

  it('appends, prepends and replaces overlapping bars, keeping bars outside the range', async () => {
    const stored = minutes('2024-02-01T00:00:00Z', '2024-06-01T00:00:00Z');
    await store.write('AAPL', '1m', stored);
    const before = minutes('2024-01-25T00:00:00Z', '2024-01-27T00:00:00Z');
    const middle = bumped(sliceByIndex(stored, 10_000, 30_000)); // spans several chunks
    const after = minutes('2024-06-03T00:00:00Z', '2024-06-05T00:00:00Z');
    await store.merge('AAPL', '1m', concatSeries([before, middle, after]));
    expect(parseWhole).not.toHaveBeenCalled();
    const expected = concatSeries([
      before,
      sliceByIndex(stored, 0, 10_000),
      middle,
      sliceByIndex(stored, 30_000, stored.t.length),
      after,
    ]);
    expect(await store.read('AAPL', '1m')).toEqual(expected);
  });

  it("merges bars given in parts (a load's segments) exactly as the joined bars", async () => {
    const stored = minutes('2024-02-01T00:00:00Z', '2024-04-01T00:00:00Z');
    await store.write('AAPL', '1m', stored);
    const given = concatSeries([
      minutes('2024-01-20T00:00:00Z', '2024-01-25T00:00:00Z'),
      bumped(sliceByIndex(stored, 5_000, 12_000)),
      minutes('2024-04-02T00:00:00Z', '2024-04-09T00:00:00Z'),
    ]);
    // Segments of uneven sizes, handed over out of order.
    const cuts = [0, 1, 700, 4_000, 4_001, 9_000, given.t.length];
    const parts = cuts.slice(1).map((to, k) => sliceByIndex(given, cuts[k]!, to));
    const range = await store.merge('AAPL', '1m', SeriesParts.of(parts.reverse()));
    const other = await mkdtemp(path.join(tmpdir(), 'ktrdr-merge-joined-'));
    try {
      const joined = new CsvBarStore(other);
      await joined.write('AAPL', '1m', stored);
      expect(range).toEqual(await joined.merge('AAPL', '1m', given));
      expect(await readFile(path.join(dir, 'AAPL_1m.csv'), 'utf8')).toBe(
        await readFile(path.join(other, 'AAPL_1m.csv'), 'utf8'),
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('copies stored lines no given bar touches as they are, not formatted again', async () => {
    const stored = minutes('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z');
    // Lines as a hand-written file may have them (trailing zeros, CRLF, no last line break):
    // a tail merge keeps them byte for byte; only the chunk the given bars fall in is rewritten.
    const lines = [...formatBarsCsv(stored, 1, false)].map((line) =>
      line.replace(/,(\d+)\n$/, ',$1.00\r\n'),
    );
    const text = `timestamp,open,high,low,close,volume\n${lines.join('')}`.slice(0, -2);
    await writeFile(path.join(dir, 'AAPL_1m.csv'), text);
    const fresh = minutes('2024-04-01T00:00:00Z', '2024-04-02T00:00:00Z');
    await store.merge('AAPL', '1m', fresh);
    const written = await readFile(path.join(dir, 'AAPL_1m.csv'), 'utf8');
    expect(written.startsWith(text.slice(0, text.length / 2))).toBe(true);
    expect(written.endsWith([...formatBarsCsv(fresh, fresh.t.length, false)].join(''))).toBe(true);
    expect(await store.read('AAPL', '1m')).toEqual(concatSeries([stored, fresh]));
  });

  it('creates the file when nothing is stored, and sorts the given bars', async () => {
    const bars = minutes('2024-01-02T15:00:00Z', '2024-01-02T16:00:00Z');
    const reversed = sliceByIndex(bars, 0, bars.t.length);
    for (const k of ['t', 'o', 'h', 'l', 'c', 'v'] as const) reversed[k].reverse();
    expect(await store.merge('AAPL', '1m', reversed)).toMatchObject({ count: bars.t.length });
    expect(await store.read('AAPL', '1m')).toEqual(bars);
  });

  it('merges a hand-dropped unsorted file by reading it whole', async () => {
    const bars = minutes('2024-01-02T15:00:00Z', '2024-01-02T16:00:00Z');
    const lines = [...formatBarsCsv(bars, 1)];
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)].join('');
    await writeFile(path.join(dir, 'AAPL_1m.csv'), swapped);
    const fresh = bumped(sliceByIndex(bars, 5, 6));
    await store.merge('AAPL', '1m', fresh);
    const stored = await store.read('AAPL', '1m');
    expect(stored.t).toEqual(bars.t);
    expect(stored.c[5]).toBe(fresh.c[0]);
  });

  it('reports a malformed stored file as CACHE_CORRUPT and leaves it as it was', async () => {
    const file = path.join(dir, 'AAPL_1m.csv');
    const content = 'timestamp,open,high,low,close,volume\n2024-01-02T00:00:00Z,1,2,x,1,1\n';
    await writeFile(file, content);
    const fresh = minutes('2024-01-03T15:00:00Z', '2024-01-03T16:00:00Z');
    await expect(store.merge('AAPL', '1m', fresh)).rejects.toMatchObject({ code: 'CACHE_CORRUPT' });
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual(['AAPL_1m.csv']);
  });

  it('a write failing mid-stream leaves the old file and no temp file', async () => {
    const stored = minutes('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z');
    await store.write('AAPL', '1m', stored);
    const file = path.join(dir, 'AAPL_1m.csv');
    const before = await readFile(file, 'utf8');
    const failure = new Error('disk full');
    let writes = 0;
    const failing: AtomicWriteFs = {
      ...NODE_ATOMIC_WRITE_FS,
      open: async (name, flags, mode) => {
        const handle = await NODE_ATOMIC_WRITE_FS.open(name, flags, mode);
        return {
          write: (buf, offset, length) => {
            if (++writes === 3) return Promise.reject(failure);
            return handle.write(buf, offset, length);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const faulty = new CsvBarStore(dir, { fs: failing });
    const fresh = minutes('2024-04-01T00:00:00Z', '2024-04-03T00:00:00Z');
    await expect(faulty.merge('AAPL', '1m', fresh)).rejects.toBe(failure);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['AAPL_1m.csv']);
  });
});
