import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import request from 'supertest';
import {
  CsvBarStore,
  type DataLoadResult,
  generateSyntheticBars,
  NODE_ATOMIC_WRITE_FS,
  type SymbolList,
} from '@ktrdr/market-data';
import { createTestApp, type TestApp } from '../../common/testing/test-app';
import { waitForEnd } from '../../common/testing/operations-client';

/** Files in DATA_DIR other than the operations database. */
function dataFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith('ktrdr.sqlite'));
}

describe('data REST with the real AppModule and the embedded synthetic provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('rejects bad symbols, timeframes, modes and dates with 400 and their code, creating nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ symbol: '../etc/passwd', timeframe: '1h' }, 'INVALID_SYMBOL'],
      [{ symbol: 'AAPL', timeframe: '2h' }, 'INVALID_TIMEFRAME'],
      [{ symbol: 'AAPL', timeframe: '1h', mode: 'sideways' }, 'VALIDATION_FAILED'],
      [{ symbol: 'AAPL', timeframe: '1h', start_date: 'yesterday' }, 'INVALID_DATE_RANGE'],
      [{ symbol: 'AAPL', timeframe: '1h', start_date: '2024-02-30' }, 'INVALID_DATE_RANGE'],
      [
        { symbol: 'AAPL', timeframe: '1h', start_date: '2024-03-01', end_date: '2024-02-01' },
        'INVALID_DATE_RANGE',
      ],
      [{ symbol: 'AAPL', timeframe: '1h', extra: 1 }, 'VALIDATION_FAILED'],
      [{ symbol: 'AAPL', timeframe: '1h', start_date: null }, 'VALIDATION_FAILED'],
      [{ symbol: 'AAPL', timeframe: '1h', end_date: null }, 'VALIDATION_FAILED'],
      [{ symbol: 'AAPL', timeframe: '1h', mode: null }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await request(t.url).post('/api/v1/data/load').send(body);
      expect({ body, status: res.status, code: (res.body as { code: string }).code }).toEqual({
        body,
        status: 400,
        code,
      });
    }
    for (const field of ['start_date', 'end_date']) {
      const res = await request(t.url)
        .post('/api/v1/data/load')
        .send({ symbol: 'AAPL', timeframe: '1h', [field]: null });
      expect((res.body as { message: string }).message).toContain(`${field} must be a string`);
    }
    const list = await request(t.url).get('/api/v1/operations').expect(200);
    expect((list.body as { total: number }).total).toBe(0);
    expect(dataFiles(t.dataDir)).toEqual([]);
  });

  it('a tail load on the embedded default completes and the CSV exists', async () => {
    const res = await request(t.url)
      .post('/api/v1/data/load')
      .send({ symbol: 'aapl', timeframe: '1d', mode: 'tail' })
      .expect(202);
    const { operation_id } = res.body as { operation_id: string; status: string };
    expect(res.body).toMatchObject({ status: 'pending' });
    const op = await waitForEnd(t.url, operation_id);
    expect(op.status).toBe('completed');
    const result = op.result as DataLoadResult;
    expect(result).toMatchObject({
      symbol: 'AAPL',
      timeframe: '1d',
      source: 'synthetic',
      venue: 'local',
    });
    expect(result.bars_after).toBeGreaterThanOrEqual(19);
    expect(result.bars_fetched).toBe(result.bars_after);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^synthetic data/));
    expect(op.metadata).toMatchObject({ symbol: 'AAPL', timeframe: '1d', mode: 'tail' });
    expect(op.progress?.percentage).toBe(100);
    expect(existsSync(path.join(t.dataDir, 'AAPL_1d.csv'))).toBe(true);

    const metrics = await request(t.url)
      .get(`/api/v1/operations/${operation_id}/metrics`)
      .expect(200);
    expect((metrics.body as { items: unknown[] }).items).toHaveLength(result.segments_planned);

    const bars = await request(t.url).get('/api/v1/data/AAPL/1d').expect(200);
    const body = bars.body as { count: number; t: number[]; c: number[] };
    expect(body).toMatchObject({ symbol: 'AAPL', timeframe: '1d', count: result.bars_after });
    expect(body.t).toHaveLength(result.bars_after);
    expect(body.c).toHaveLength(result.bars_after);
    expect(new Date(body.t[0]!).toISOString()).toBe(result.first_bar);

    const range = await request(t.url).get('/api/v1/data/aapl/1d/range').expect(200);
    expect(range.body).toEqual({
      symbol: 'AAPL',
      timeframe: '1d',
      first: result.first_bar,
      last: result.last_bar,
      count: result.bars_after,
    });

    const window = await request(t.url)
      .get('/api/v1/data/AAPL/1d')
      .query({ start: result.last_bar, end: result.last_bar })
      .expect(200);
    expect((window.body as { count: number }).count).toBe(1);

    const symbols = await request(t.url).get('/api/v1/symbols').expect(200);
    expect(symbols.body).toEqual({
      symbols: [
        {
          symbol: 'AAPL',
          timeframes: [
            {
              timeframe: '1d',
              status: 'ok',
              first: result.first_bar,
              last: result.last_bar,
              count: result.bars_after,
            },
          ],
        },
      ],
    });
  });

  it('a window entirely before the head timestamp fails the load with BEFORE_HEAD_TIMESTAMP', async () => {
    const res = await request(t.url)
      .post('/api/v1/data/load')
      .send({
        symbol: 'IBM',
        timeframe: '1d',
        mode: 'backfill',
        start_date: '2001-01-01',
        end_date: '2001-02-01',
      })
      .expect(202);
    const op = await waitForEnd(t.url, (res.body as { operation_id: string }).operation_id);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({
      code: 'BEFORE_HEAD_TIMESTAMP',
      message: expect.stringMatching(/IBM has no data before 20\d\d-.*2001-02-01T00:00:00/),
    });
    expect(existsSync(path.join(t.dataDir, 'IBM_1d.csv'))).toBe(false);
  });

  it('lists the timeframes and answers 404 / 400 for unknown or invalid series', async () => {
    const tfs = await request(t.url).get('/api/v1/timeframes').expect(200);
    expect(tfs.body).toEqual({ timeframes: ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] });
    const missing = await request(t.url).get('/api/v1/data/NOPE/1h').expect(404);
    expect(missing.body).toMatchObject({ code: 'SERIES_NOT_FOUND' });
    await request(t.url).get('/api/v1/data/NOPE/1h/range').expect(404);
    const badTf = await request(t.url).get('/api/v1/data/AAPL/7m').expect(400);
    expect(badTf.body).toMatchObject({ code: 'INVALID_TIMEFRAME' });
    const badSymbol = await request(t.url).get('/api/v1/data/%2E%2E/1h').expect(400);
    expect(badSymbol.body).toMatchObject({ code: 'INVALID_SYMBOL' });
  });

  it('pages cached bars: limit (default 10,000, at most 100,000) and next', async () => {
    const bars = generateSyntheticBars(
      'EUR.USD',
      '1m',
      Date.parse('2024-01-01'),
      Date.parse('2024-01-10T12:00:00Z'),
    );
    expect(bars.t.length).toBeGreaterThan(10_000);
    await new CsvBarStore(t.dataDir).write('EUR.USD', '1m', bars);
    type Page = { count: number; t: number[]; next: string | null };
    const first = await request(t.url).get('/api/v1/data/EUR.USD/1m').expect(200);
    const page1 = first.body as Page;
    expect(page1.count).toBe(10_000);
    expect(page1.t).toEqual(bars.t.slice(0, 10_000));
    expect(page1.next).toBe(new Date(bars.t[10_000]!).toISOString());
    const second = await request(t.url)
      .get('/api/v1/data/EUR.USD/1m')
      .query({ start: page1.next, limit: 100_000 })
      .expect(200);
    expect((second.body as Page).t).toEqual(bars.t.slice(10_000));
    expect((second.body as Page).next).toBeNull();
    const small = await request(t.url)
      .get('/api/v1/data/EUR.USD/1m')
      .query({ start: '2024-01-02T00:00:00Z', end: '2024-01-02T00:04:00Z', limit: 2 })
      .expect(200);
    expect(small.body).toMatchObject({
      count: 2,
      t: [Date.parse('2024-01-02T00:00:00Z'), Date.parse('2024-01-02T00:01:00Z')],
      next: '2024-01-02T00:02:00.000Z',
    });
    for (const limit of ['0', '100001', 'abc', '-5', '1.5']) {
      const res = await request(t.url).get('/api/v1/data/EUR.USD/1m').query({ limit }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(String((res.body as { message: unknown }).message)).toContain('limit');
    }
  });

  it('reads pages backwards with before: the last `limit` bars and the older page cursor', async () => {
    const bars = generateSyntheticBars(
      'GBP.USD',
      '1h',
      Date.parse('2024-01-01'),
      Date.parse('2024-03-01'),
    );
    await new CsvBarStore(t.dataDir).write('GBP.USD', '1h', bars);
    const n = bars.t.length;
    type Page = { count: number; t: number[]; c: number[]; next: null; previous: string | null };
    const after = new Date(bars.t[n - 1]! + 1).toISOString();
    const newest = await request(t.url)
      .get('/api/v1/data/GBP.USD/1h')
      .query({ before: after, limit: 300 })
      .expect(200);
    const page1 = newest.body as Page;
    expect(page1).toMatchObject({ count: 300, next: null });
    expect(page1.t).toEqual(bars.t.slice(n - 300));
    expect(page1.c).toEqual(bars.c.slice(n - 300));
    expect(page1.previous).toBe(new Date(bars.t[n - 300]!).toISOString());
    const seen = [page1.t];
    for (let previous = page1.previous; previous !== null;) {
      const res = await request(t.url)
        .get('/api/v1/data/GBP.USD/1h')
        .query({ before: previous, limit: 300 })
        .expect(200);
      seen.unshift((res.body as Page).t);
      previous = (res.body as Page).previous;
      expect(seen.length).toBeLessThan(10);
    }
    expect(seen.flat()).toEqual(bars.t);
    const windowed = await request(t.url)
      .get('/api/v1/data/GBP.USD/1h')
      .query({ start: new Date(bars.t[10]!).toISOString(), before: after, limit: 100_000 })
      .expect(200);
    expect(windowed.body).toMatchObject({ count: n - 10, previous: null });
    const forward = await request(t.url).get('/api/v1/data/GBP.USD/1h').query({ limit: 1 });
    expect(forward.body).not.toHaveProperty('previous');
    for (const query of [
      { before: after, end: after },
      { before: 'soon' },
      { before: after, start: after },
    ]) {
      const res = await request(t.url).get('/api/v1/data/GBP.USD/1h').query(query).expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_DATE_RANGE' });
    }
  });

  it('imports a CSV body into the cache; a bad file is a 400 and writes nothing', async () => {
    const csv = [
      'Date,Open,High,Low,Close,Volume',
      '2024-03-04,10,12,9,11,1000',
      '2024-03-05,11,13,10,12,1100',
    ].join('\n');
    const ok = await request(t.url)
      .post('/api/v1/data/msft/1d/import')
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(ok.body).toMatchObject({
      symbol: 'MSFT',
      timeframe: '1d',
      imported: 2,
      merged_total: 2,
      rejected: { total: 0, by_reason: {}, examples: [] },
    });
    const weekend = await request(t.url)
      .post('/api/v1/data/msft/1d/import')
      .set('content-type', 'text/csv')
      .send(
        'timestamp,open,high,low,close\n2024-03-04T21:00:00Z,1,2,0.5,1\n2024-03-09T00:00:00Z,1,2,0.5,1\n',
      )
      .expect(200);
    expect(weekend.body).toMatchObject({
      imported: 1,
      merged_total: 2,
      rejected: {
        total: 1,
        by_reason: { no_session: 1 },
        examples: [{ line: 3, reason: 'no_session', time: '2024-03-09T00:00:00Z' }],
      },
    });
    const bars = await request(t.url).get('/api/v1/data/MSFT/1d').expect(200);
    expect((bars.body as { t: number[]; c: number[] }).t).toEqual([
      Date.parse('2024-03-04T14:30:00Z'),
      Date.parse('2024-03-05T14:30:00Z'),
    ]);
    expect((bars.body as { c: number[] }).c).toEqual([1, 12]);
    expect(existsSync(path.join(t.dataDir, 'MSFT_1d.csv'))).toBe(true);

    const bad = await request(t.url)
      .post('/api/v1/data/IBM/1d/import')
      .set('content-type', 'text/csv')
      .send('Date,Open,High,Low,Close,Volume\n2024-03-04,10,8,9,11,1000\n')
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_BARS' });
    const garbage = await request(t.url)
      .post('/api/v1/data/IBM/1d/import')
      .set('content-type', 'text/csv')
      .send('this is not,a csv\nat,all\n')
      .expect(400);
    expect(garbage.body).toMatchObject({ code: 'INVALID_CSV' });
    const json = await request(t.url)
      .post('/api/v1/data/IBM/1d/import')
      .send({ rows: [] })
      .expect(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(existsSync(path.join(t.dataDir, 'IBM_1d.csv'))).toBe(false);
  });

  it('a corrupted cache file is a 500 CACHE_CORRUPT without the server path; /symbols flags it', async () => {
    writeFileSync(path.join(t.dataDir, 'BROKEN_1h.csv'), 'this is,not a cache file\n');
    for (const route of ['/api/v1/data/BROKEN/1h', '/api/v1/data/BROKEN/1h/range']) {
      const res = await request(t.url).get(route).expect(500);
      expect(res.body).toMatchObject({
        code: 'CACHE_CORRUPT',
        message: expect.stringMatching(/^The cached BROKEN 1h series cannot be read/),
      });
      expect(JSON.stringify(res.body)).not.toContain(t.dataDir);
    }
    const symbols = await request(t.url).get('/api/v1/symbols').expect(200);
    expect((symbols.body as SymbolList).symbols).toContainEqual({
      symbol: 'BROKEN',
      timeframes: [
        {
          timeframe: '1h',
          status: 'unreadable',
          error: { code: 'CACHE_CORRUPT', message: expect.stringMatching(/^The cached BROKEN/) },
        },
      ],
    });
    expect(JSON.stringify(symbols.body)).not.toContain(t.dataDir);
    rmSync(path.join(t.dataDir, 'BROKEN_1h.csv'));
  });

  it('parses a large import as it streams in: the event loop is never blocked for long', async () => {
    // 100,000 one-minute bars (~6 MB): parsed in one piece this blocked the loop for seconds.
    // (Client and server share this process's loop here; the bench measures a real process.)
    const start = Date.parse('2020-01-01T00:00:00Z');
    const lines = ['Datetime,Open,High,Low,Close,Volume'];
    for (let i = 0; i < 100_000; i++) {
      const p = (100 + (i % 50) / 10).toFixed(2);
      lines.push(`${new Date(start + i * 60_000).toISOString()},${p},${p},${p},${p},${i % 1000}`);
    }
    const body = Buffer.from(lines.join('\n'));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const res = await request(t.url)
      .post('/api/v1/data/SPY/1m/import')
      .set('content-type', 'text/csv')
      .send(body)
      .expect(200);
    delay.disable();
    expect(res.body).toMatchObject({ imported: 100_000, merged_total: 100_000 });
    expect(delay.max / 1e6).toBeLessThan(1000); // 2,900 ms when parsed in one piece
  }, 30_000);

  it('answers an import on a full disk with 507 STORAGE_FULL, naming no path, writing nothing', async () => {
    const enospc = Object.assign(
      new Error(`ENOSPC: no space left on device, write '${t.dataDir}/.NVDA_1d.csv.tmp'`),
      { code: 'ENOSPC', errno: -28, syscall: 'write' },
    );
    const open = jest.spyOn(NODE_ATOMIC_WRITE_FS, 'open').mockResolvedValueOnce({
      write: () => Promise.reject(enospc),
      sync: () => Promise.resolve(),
      close: () => Promise.resolve(),
    });
    try {
      const res = await request(t.url)
        .post('/api/v1/data/nvda/1d/import')
        .set('content-type', 'text/csv')
        .send('Date,Open,High,Low,Close,Volume\n2024-03-04,10,12,9,11,1000\n')
        .expect(507);
      expect(res.body).toEqual({
        statusCode: 507,
        error: 'Insufficient Storage',
        message: "The server's storage is full: nothing was written",
        code: 'STORAGE_FULL',
      });
      expect(dataFiles(t.dataDir).filter((name) => name.includes('NVDA'))).toEqual([]);
    } finally {
      open.mockRestore();
    }
  });

  it('diagnostics show the venue and the provider health', async () => {
    const res = await request(t.url).get('/api/v1/health/diagnostics').expect(200);
    expect(res.body).toMatchObject({
      adapters: [],
      hosts: [],
      data: { venue: 'local', provider: 'synthetic', health: { connected: true } },
    });
  });
});

describe('startup in a DATA_DIR left by an interrupted save', () => {
  it('removes the stale temp files of the store and keeps everything else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-api-stale-'));
    const stale = path.join(dir, `.AAPL_1m.csv.${2 ** 22 + 7}.0123456789ab.tmp`);
    const kept = path.join(dir, 'notes.tmp');
    // A name without `@host` (an older version's) is removed once untouched for an hour.
    for (const file of [stale, kept]) {
      writeFileSync(file, 'partial');
      utimesSync(file, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    }
    const t = await createTestApp({ DATA_DIR: dir });
    try {
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(kept)).toBe(true);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diagnostics behind the API key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_KEY: 'sesame-open-up-16' });
  });
  afterAll(() => t.close());

  it('needs the key, unlike /health', async () => {
    await request(t.url).get('/api/v1/health/diagnostics').expect(401);
    await request(t.url).get('/api/v1/health').expect(200);
    await request(t.url)
      .get('/api/v1/health/diagnostics')
      .set('x-api-key', 'sesame-open-up-16')
      .expect(200);
  });
});
