import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriesFromRows, sliceByIndex, type BarSeries } from '../series/bar-series';
import { generateSyntheticBars } from '../series/synthetic-bars';
import { NODE_ATOMIC_WRITE_FS, THIS_HOST, type AtomicWriteFs } from './atomic-file-writer';
import { CsvBarStore } from './csv-bar-store';

const utc = (iso: string) => Date.parse(iso);
const hours = (from: string, to: string) => generateSyntheticBars('AAPL', '1h', utc(from), utc(to));

describe('CsvBarStore', () => {
  let dir: string;
  let store: CsvBarStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-store-'));
    store = new CsvBarStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('paths', () => {
    it('names {SYMBOL}_{timeframe}.csv inside the data dir', () => {
      expect(store.pathFor(' aapl ', '1h')).toBe(path.join(dir, 'AAPL_1h.csv'));
      expect(store.pathFor('EUR.USD', '1d')).toBe(path.join(dir, 'EUR.USD_1d.csv'));
    });

    it.each(['../AAPL', '..', 'a/b', '/etc/passwd', 'A\\B'])('refuses the symbol %j', (symbol) => {
      expect(() => store.pathFor(symbol, '1h')).toThrow(
        expect.objectContaining({ code: 'INVALID_SYMBOL' }),
      );
    });

    it('refuses an unknown timeframe', () => {
      expect(() => store.pathFor('AAPL', '2h')).toThrow(
        expect.objectContaining({ code: 'INVALID_TIMEFRAME' }),
      );
    });
  });

  describe('read and write', () => {
    it('throws SERIES_NOT_FOUND for a missing series', async () => {
      await expect(store.read('AAPL', '1h')).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    });

    it('round-trips a series exactly in the data.md format', async () => {
      const bars = hours('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z');
      await store.write('aapl', '1h', bars);
      expect(await store.read('AAPL', '1h')).toEqual(bars);
      const text = await readFile(store.pathFor('AAPL', '1h'), 'utf8');
      const lines = text.split('\n');
      expect(lines[0]).toBe('timestamp,open,high,low,close,volume');
      expect(lines[1]).toMatch(/^2024-01-02T14:30:00Z,[\d.]+,[\d.]+,[\d.]+,[\d.]+,\d+$/);
      expect(lines[lines.length - 1]).toBe('');
    });

    it('reads a time range, both ends included', async () => {
      const bars = hours('2024-01-01T00:00:00Z', '2024-01-10T00:00:00Z');
      await store.write('AAPL', '1h', bars);
      const part = await store.read('AAPL', '1h', {
        startMs: utc('2024-01-03T14:30:00Z'),
        endMs: utc('2024-01-04T14:30:00Z'),
      });
      expect(part.t[0]).toBe(utc('2024-01-03T14:30:00Z'));
      expect(part.t[part.t.length - 1]).toBe(utc('2024-01-04T14:30:00Z'));
      expect(part.t).toHaveLength(8);
    });

    it('sorts and deduplicates what it writes and creates the data dir', async () => {
      const nested = new CsvBarStore(path.join(dir, 'nested', 'data'));
      const bar = (t: number, o: number) => ({ t, o, h: o, l: o, c: o, v: 1 });
      await nested.write(
        'X',
        '1m',
        seriesFromRows([bar(120_000, 2), bar(60_000, 1), bar(120_000, 3)]),
      );
      expect((await nested.read('X', '1m')).o).toEqual([1, 3]);
    });
  });

  describe('crash safety', () => {
    const original = hours('2024-01-01T00:00:00Z', '2024-01-05T00:00:00Z');
    const replacement = (): BarSeries => {
      const bars = generateSyntheticBars(
        'AAPL',
        '1m',
        utc('2024-01-01T00:00:00Z'),
        utc('2024-07-01T00:00:00Z'),
      );
      bars.c[bars.c.length - 10] = Number.NaN; // chunks of 4,096 bars: a late chunk throws
      return bars;
    };

    async function expectUntouched(before: string): Promise<void> {
      expect(await readFile(store.pathFor('AAPL', '1h'), 'utf8')).toBe(before);
      expect(await readdir(dir)).toEqual(['AAPL_1h.csv']);
    }

    it('keeps the old file when a value cannot be formatted midway through the write', async () => {
      await store.write('AAPL', '1h', original);
      const before = await readFile(store.pathFor('AAPL', '1h'), 'utf8');
      const written: number[] = [];
      const spyFs: AtomicWriteFs = {
        ...NODE_ATOMIC_WRITE_FS,
        open: async (file, flags, mode) => {
          const handle = await NODE_ATOMIC_WRITE_FS.open(file, flags, mode);
          return {
            write: async (buffer, offset, length) => {
              written.push(length);
              return handle.write(buffer, offset, length);
            },
            sync: () => handle.sync(),
            close: () => handle.close(),
          };
        },
      };
      const spied = new CsvBarStore(dir, { fs: spyFs });
      await expect(spied.write('AAPL', '1h', replacement())).rejects.toMatchObject({
        code: 'INVALID_BARS',
      });
      expect(written.length).toBeGreaterThan(2); // the temp file really was partly written
      await expectUntouched(before);
    });

    it.each(['write', 'sync', 'rename'] as const)(
      'keeps the old file and leaves no temp file when %s fails',
      async (failing) => {
        await store.write('AAPL', '1h', original);
        const before = await readFile(store.pathFor('AAPL', '1h'), 'utf8');
        let writes = 0;
        const failure = new Error(`injected ${failing} failure`);
        const faultyFs: AtomicWriteFs = {
          ...NODE_ATOMIC_WRITE_FS,
          open: async (file, flags, mode) => {
            const handle = await NODE_ATOMIC_WRITE_FS.open(file, flags, mode);
            return {
              write: async (buffer, offset, length) => {
                if (failing === 'write' && ++writes === 2) throw failure;
                return handle.write(buffer, offset, length);
              },
              sync: async () => {
                if (failing === 'sync') throw failure;
                await handle.sync();
              },
              close: () => handle.close(),
            };
          },
          rename: async (from, to) => {
            if (failing === 'rename') throw failure;
            await NODE_ATOMIC_WRITE_FS.rename(from, to);
          },
        };
        const faulty = new CsvBarStore(dir, { fs: faultyFs });
        const bigger = generateSyntheticBars(
          'AAPL',
          '1h',
          utc('2015-01-01T00:00:00Z'),
          utc('2024-01-01T00:00:00Z'),
        );
        await expect(faulty.write('AAPL', '1h', bigger)).rejects.toBe(failure);
        await expectUntouched(before);
      },
    );

    it('serialises merges of one series: concurrent merges both land', async () => {
      const a = hours('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z');
      const b = hours('2024-01-08T00:00:00Z', '2024-01-10T00:00:00Z');
      await Promise.all([store.merge('AAPL', '1h', a), store.merge('AAPL', '1h', b)]);
      expect((await store.read('AAPL', '1h')).t).toHaveLength(a.t.length + b.t.length);
    });
  });

  describe('update', () => {
    it('reads, transforms and writes under the lock: a merge queued meanwhile is kept', async () => {
      const a = hours('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z');
      const b = hours('2024-01-08T00:00:00Z', '2024-01-10T00:00:00Z');
      await store.write('AAPL', '1h', a);
      let merging: Promise<unknown> | undefined;
      const updated = store.update('AAPL', '1h', async (current) => {
        merging = store.merge('AAPL', '1h', b); // lands only after this update's write
        await new Promise((resolve) => setImmediate(resolve));
        return { ...current, v: current.v.map((v) => v + 1) };
      });
      const after = await updated;
      expect(after).toEqual({ first: a.t[0], last: a.t.at(-1), count: a.t.length });
      await merging;
      const stored = await store.read('AAPL', '1h');
      expect(stored.t).toHaveLength(a.t.length + b.t.length);
      expect(stored.v.slice(0, a.t.length)).toEqual(a.v.map((v) => v + 1));
    });

    it('with a window: reads only that window and replaces it, the rest streamed through', async () => {
      const a = hours('2024-01-01T00:00:00Z', '2024-01-20T00:00:00Z');
      await store.write('AAPL', '1h', a);
      const window = { startMs: utc('2024-01-08T00:00:00Z'), endMs: utc('2024-01-09T23:59:59Z') };
      const inside = a.t.filter((t) => t >= window.startMs && t <= window.endMs);
      let seen: number[] = [];
      const range = await store.update(
        'AAPL',
        '1h',
        (current) => {
          seen = current.t;
          // drop the window's first bar, bump the others: the window is replaced as a whole
          return {
            ...sliceByIndex(current, 1, current.t.length),
            v: current.v.slice(1).map((v) => v + 1),
          };
        },
        window,
      );
      expect(seen).toEqual(inside);
      const stored = await store.read('AAPL', '1h');
      expect(stored.t).toEqual(a.t.filter((t) => t !== inside[0]));
      expect(range).toEqual({ first: a.t[0], last: a.t.at(-1), count: a.t.length - 1 });
      const i = stored.t.indexOf(inside[1]!);
      expect(stored.v[i]).toBe(a.v[a.t.indexOf(inside[1]!)]! + 1);
      expect(stored.v[0]).toBe(a.v[0]);
    });

    it('writes nothing when the function returns null or throws', async () => {
      await expect(store.update('AAPL', '1h', () => null)).resolves.toBeNull();
      expect(await readdir(dir)).toEqual([]);
      const a = hours('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z');
      await store.write('AAPL', '1h', a);
      const failure = new Error('nope');
      await expect(
        store.update('AAPL', '1h', () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.read('AAPL', '1h')).toEqual(a);
    });
  });

  describe('merge', () => {
    it('keeps stored bars outside the merged range and lets new bars win', async () => {
      const stored = hours('2024-01-01T00:00:00Z', '2024-01-20T00:00:00Z');
      await store.write('AAPL', '1h', stored);
      const fresh = hours('2024-01-08T00:00:00Z', '2024-01-09T00:00:00Z');
      fresh.c = fresh.c.map((c) => c + 0.01);
      fresh.h = fresh.h.map((h) => h + 0.01);
      const range = await store.merge('AAPL', '1h', fresh);
      const merged = await store.read('AAPL', '1h');
      expect(range).toEqual({ first: stored.t[0], last: stored.t.at(-1), count: stored.t.length });
      expect(merged.t).toEqual(stored.t);
      const i = merged.t.indexOf(fresh.t[0]!);
      expect(merged.c[i]).toBe(fresh.c[0]);
      expect(merged.c[0]).toBe(stored.c[0]);
    });
  });

  describe('stale temp files of interrupted saves', () => {
    it('removes only its own temp files older than the cutoff whose writer is gone, and logs them', async () => {
      const logged: string[] = [];
      store = new CsvBarStore(dir, { log: (message) => logged.push(message) });
      const minutesAgo = new Date(Date.now() - 600_000);
      const gonePid = 2 ** 22 + 7; // above Linux's pid_max default: no such process
      const temp = (target: string, pid: number) =>
        `.${target}.${pid}@${THIS_HOST}.0123456789ab.tmp`;
      const names = {
        stale: temp('AAPL_1m.csv', gonePid),
        mine: temp('AAPL_1h.csv', process.pid), // a previous process with our pid
        fresh: temp('MSFT_1d.csv', gonePid),
        liveWriter: temp('IBM_1d.csv', process.ppid),
        otherHost: `.IBM_1h.csv.${gonePid}@another-host.0123456789ab.tmp`,
        foreign: temp('notes.txt', gonePid),
        other: 'AAPL_1m.csv.bak',
      };
      for (const [key, name] of Object.entries(names)) {
        await writeFile(path.join(dir, name), 'partial');
        if (key !== 'fresh') await utimes(path.join(dir, name), minutesAgo, minutesAgo);
      }
      const removed = await store.removeStaleTempFiles(Date.now() - 60_000);
      expect(removed.sort()).toEqual([names.mine, names.stale].sort());
      expect((await readdir(dir)).sort()).toEqual(
        [names.fresh, names.liveWriter, names.otherHost, names.foreign, names.other].sort(),
      );
      expect(logged).toEqual([
        expect.stringMatching(/^Removed 2 stale temp file\(s\) of interrupted saves in .+: /),
      ]);
      expect(await store.removeStaleTempFiles(Date.now())).toEqual([names.fresh]);
      expect(await new CsvBarStore(path.join(dir, 'missing')).removeStaleTempFiles(0)).toEqual([]);
    });
  });

  describe('a corrupted cache file', () => {
    it('is CACHE_CORRUPT on read and range, the path in the log but not in the message', async () => {
      const logged: string[] = [];
      store = new CsvBarStore(dir, { log: (message) => logged.push(message) });
      await store.write('AAPL', '1h', hours('2024-01-01T00:00:00Z', '2024-01-05T00:00:00Z'));
      const file = store.pathFor('AAPL', '1h');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/\n2024-01-03T\d\d:30:00Z,/, '\nnot a time,'));
      const read = store.read('AAPL', '1h');
      await expect(read).rejects.toMatchObject({
        code: 'CACHE_CORRUPT',
        message: expect.stringMatching(/^The cached AAPL 1h series cannot be read \(line \d+: /),
      });
      expect(((await read.catch((e: Error) => e)) as Error).message).not.toContain(dir);
      expect(logged).toEqual([expect.stringContaining(file)]);

      await writeFile(file, 'garbage\n');
      await expect(store.range('AAPL', '1h')).rejects.toMatchObject({
        code: 'CACHE_CORRUPT',
        message: expect.not.stringContaining(dir),
      });
      // Nothing is merged over it: the server's file needs a look, not an overwrite.
      await expect(
        store.merge('AAPL', '1h', hours('2024-01-08', '2024-01-09')),
      ).rejects.toMatchObject({
        code: 'CACHE_CORRUPT',
      });
      expect(await readFile(file, 'utf8')).toBe('garbage\n');
    });
  });

  describe('range and list', () => {
    it('gives first, last and count without parsing every line', async () => {
      const bars = hours('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z');
      await store.write('AAPL', '1h', bars);
      expect(await store.range('AAPL', '1h')).toEqual({
        first: bars.t[0],
        last: bars.t[bars.t.length - 1],
        count: bars.t.length,
      });
      // A malformed line in the middle: range() does not parse it, read() does.
      const file = store.pathFor('AAPL', '1h');
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines[100] = '2024-01-20T14:30:00Z,not,a,bar,at,all';
      await writeFile(file, lines.join('\n'));
      expect((await store.range('AAPL', '1h'))?.count).toBe(bars.t.length);
      await expect(store.read('AAPL', '1h')).rejects.toMatchObject({ code: 'CACHE_CORRUPT' });
    });

    it('handles CRLF, blank lines, no final newline and empty files', async () => {
      const file = store.pathFor('MSFT', '1d');
      await writeFile(
        file,
        'timestamp,open,high,low,close,volume\r\n2024-01-02T14:30:00Z,1,2,0.5,1,10\r\n\r\n2024-01-03T14:30:00Z,1,2,0.5,1,10\r\n2024-01-04T14:30:00Z,1,2,0.5,1,10',
      );
      expect(await store.range('MSFT', '1d')).toEqual({
        first: utc('2024-01-02T14:30:00Z'),
        last: utc('2024-01-04T14:30:00Z'),
        count: 3,
      });
      await writeFile(file, 'timestamp,open,high,low,close,volume\n');
      expect(await store.range('MSFT', '1d')).toBeNull();
      expect(await store.range('NOPE', '1d')).toBeNull();
    });

    it('lists series sorted, unreadable ones flagged, ignoring temp and foreign files', async () => {
      await store.write(
        'MSFT',
        '1d',
        generateSyntheticBars(
          'MSFT',
          '1d',
          utc('2024-01-01T00:00:00Z'),
          utc('2024-02-01T00:00:00Z'),
        ),
      );
      await store.write(
        'AAPL',
        '1d',
        generateSyntheticBars(
          'AAPL',
          '1d',
          utc('2024-01-01T00:00:00Z'),
          utc('2024-02-01T00:00:00Z'),
        ),
      );
      await store.write('AAPL', '1h', hours('2024-01-01T00:00:00Z', '2024-01-05T00:00:00Z'));
      await writeFile(path.join(dir, '.AAPL_1m.csv.123.abc.tmp'), 'partial');
      await writeFile(path.join(dir, 'notes.txt'), 'hello');
      await writeFile(path.join(dir, 'AAPL_2h.csv'), 'timestamp,open,high,low,close,volume\n');
      await writeFile(path.join(dir, 'BAD_1d.csv'), 'garbage\n');
      const list = await store.list();
      expect(
        list.map((e) =>
          e.status === 'ok'
            ? `${e.symbol} ${e.timeframe} ${e.count}`
            : `${e.symbol} ${e.timeframe} ${e.status} ${e.error.code}`,
        ),
      ).toEqual(['AAPL 1h 21', 'AAPL 1d 21', 'BAD 1d unreadable CACHE_CORRUPT', 'MSFT 1d 21']);
      expect(JSON.stringify(list)).not.toContain(dir);
      expect(await new CsvBarStore(path.join(dir, 'missing')).list()).toEqual([]);
    });
  });

  describe('import', () => {
    it('merges a vendor file into the cache, fetched-style', async () => {
      await store.write(
        'AAPL',
        '1d',
        generateSyntheticBars(
          'AAPL',
          '1d',
          utc('2024-01-01T00:00:00Z'),
          utc('2024-01-06T00:00:00Z'),
        ),
      );
      const file = path.join(dir, 'vendor.csv');
      await writeFile(
        file,
        'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-05,181.99,182.76,180.17,181.18,180.9,62303300\n2024-01-08,182.09,185.6,181.5,185.56,185.3,59144500\n2024-01-06,1,1,1,1,1,1\n',
      );
      const result = await store.import(file, { symbol: 'aapl', timeframe: '1d' });
      expect(result).toMatchObject({
        imported: 2,
        merged_total: 5,
        rejected: { total: 1, by_reason: { no_session: 1 } },
      });
      expect(result.validation.total_errors).toBe(0);
      const bars = await store.read('AAPL', '1d');
      expect(bars.t.slice(-2)).toEqual([utc('2024-01-05T14:30:00Z'), utc('2024-01-08T14:30:00Z')]);
      expect(bars.c.slice(-2)).toEqual([181.18, 185.56]);
    });

    it('a Saturday-stamped daily row overwrites nothing and is counted as rejected', async () => {
      const monday = seriesFromRows([
        { t: utc('2024-03-11T13:30:00Z'), o: 50, h: 52, l: 49, c: 51, v: 1000 },
      ]);
      await store.write('AAPL', '1d', monday);
      const result = await store.importCsv(
        'timestamp,open,high,low,close,volume\n2024-03-16T00:00:00Z,1,2,0.5,1,1\n',
        { symbol: 'AAPL', timeframe: '1d' },
      );
      expect(result).toMatchObject({ imported: 0, merged_total: 1, rejected: { total: 1 } });
      expect(await store.read('AAPL', '1d')).toEqual(monday);
    });

    it('refuses invalid bars and writes nothing, unless asked to repair', async () => {
      const content =
        'timestamp,open,high,low,close,volume\n2024-01-02T14:30:00Z,10,9,8,9.5,100\n2024-01-02T14:31:00Z,10,11,9,10,100\n';
      await expect(
        store.importCsv(content, { symbol: 'AAPL', timeframe: '1m' }),
      ).rejects.toMatchObject({
        code: 'INVALID_BARS',
      });
      await expect(store.range('AAPL', '1m')).resolves.toBeNull();
      const repaired = await store.importCsv(content, {
        symbol: 'AAPL',
        timeframe: '1m',
        repair: true,
      });
      expect(repaired.imported).toBe(2);
      expect(repaired.validation.changes).toEqual(['1 high raised to max(open, close)']);
      expect((await store.read('AAPL', '1m')).h).toEqual([10, 11]);
    });

    it('refuses an unreadable file with INVALID_CSV naming the line', async () => {
      const content = 'time,open,high,low,close\n1704205800,1,2,0.5,1\nyesterday,1,2,0.5,1\n';
      await expect(
        store.importCsv(content, { symbol: 'AAPL', timeframe: '1m' }),
      ).rejects.toMatchObject({
        code: 'INVALID_CSV',
        line: 3,
      });
      expect(await readdir(dir)).toEqual([]);
    });

    it('refuses a far-future epoch time and keeps the series readable (INVALID_CSV)', async () => {
      const bars = hours('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z');
      await store.write('AAPL', '1h', bars);
      const content = 'timestamp,open,high,low,close,volume\n300000000000000,10,11,9,10,100\n';
      await expect(
        store.importCsv(content, { symbol: 'AAPL', timeframe: '1h' }),
      ).rejects.toMatchObject({ code: 'INVALID_CSV', line: 2 });
      expect(await store.read('AAPL', '1h')).toEqual(bars);
    });
  });

  it('never writes a timestamp it could not read back (INVALID_BARS, old file kept)', async () => {
    const bars = hours('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z');
    await store.write('AAPL', '1h', bars);
    const far = seriesFromRows([{ t: 300_000_000_000_000, o: 10, h: 11, l: 9, c: 10, v: 100 }]);
    await expect(store.merge('AAPL', '1h', far)).rejects.toMatchObject({ code: 'INVALID_BARS' });
    expect(await store.read('AAPL', '1h')).toEqual(bars);
    expect(await readdir(dir)).toEqual(['AAPL_1h.csv']);
  });
});
