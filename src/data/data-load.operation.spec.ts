import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CancellationError,
  CancellationToken,
  type OperationRunContext,
  type ProgressSnapshot,
  ProgressReporter,
} from '@ktrdr/async-infrastructure';
import {
  type AtomicWriteFs,
  CsvBarStore,
  type DataLoadResult,
  NODE_ATOMIC_WRITE_FS,
  NoDataError,
  ProviderUnavailableError,
} from '@ktrdr/market-data';
import { DataLoadOperation } from './data-load.operation';
import { DATA_LOAD_STEPS, type DataLoadParams } from './data-load.types';
import type { MarketDataSource } from './market-data-source';
import { fakeBars, FakeMarketDataProvider } from './testing/fake-market-data-provider';

const NOW = Date.parse('2024-03-11T18:00:00Z'); // a Monday, market open
const DAY = 86_400_000;

describe('DataLoadOperation', () => {
  let dir: string;
  let store: CsvBarStore;
  let provider: FakeMarketDataProvider;
  let operation: DataLoadOperation;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-load-'));
    store = new CsvBarStore(dir);
    provider = new FakeMarketDataProvider();
    const source: MarketDataSource = { provider, venue: 'local' };
    operation = new DataLoadOperation(source, store, { baseDelayMs: 1, now: () => NOW });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(params: Partial<DataLoadParams>, token = new CancellationToken()) {
    const snapshots: ProgressSnapshot[] = [];
    const metrics: Record<string, unknown>[] = [];
    const progress = new ProgressReporter({
      renderer: operation.renderer,
      onUpdate: (s) => snapshots.push(s),
    });
    const ctx: OperationRunContext = {
      operationId: 'op_test',
      token,
      progress,
      appendMetrics: (entry) => {
        metrics.push(entry);
        return Promise.resolve();
      },
    };
    const full: DataLoadParams = {
      symbol: 'AAPL',
      timeframe: '1h',
      mode: 'tail',
      start_ms: null,
      end_ms: null,
      repair: false,
      ...params,
    };
    return { promise: operation.run(full, ctx), snapshots, metrics, token };
  }

  it('tail on an empty cache loads the last 30 days, saves them and reports real numbers', async () => {
    const { promise, snapshots, metrics } = run({});
    const result = await promise;
    const expected = fakeBars('AAPL', '1h', NOW - 30 * DAY, NOW - 1).t;
    expect(expected).toHaveLength(138);
    expect(result).toMatchObject<Partial<DataLoadResult>>({
      symbol: 'AAPL',
      timeframe: '1h',
      mode: 'tail',
      source: 'synthetic',
      venue: 'local',
      bars_before: 0,
      bars_fetched: 138,
      bars_after: 138,
      gaps_found: 1,
      segments_planned: 1,
      segments_fetched: 1,
      segments_failed: 0,
      requests_made: 2,
      retries: 0,
      first_bar: '2024-02-12T14:30:00.000Z',
      last_bar: '2024-03-11T17:30:00.000Z',
      head_timestamp: '2020-01-02T14:30:00.000Z',
      cancelled: false,
    });
    expect(result.validation).toMatchObject({ total_errors: 0, total_warnings: 0 });
    expect(result.warnings).toEqual([expect.stringMatching(/^synthetic data/)]);
    expect((await store.read('AAPL', '1h')).t).toEqual(expected);
    expect(metrics).toEqual([
      expect.objectContaining({ segment_index: 1, status: 'fetched', bars: 138 }),
    ]);

    // The seven steps in order, the percentage never going back.
    const steps = [...new Set(snapshots.map((s) => s.step_name))];
    expect(steps).toEqual(DATA_LOAD_STEPS.map((s) => s.name));
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i]!.percentage).toBeGreaterThanOrEqual(snapshots[i - 1]!.percentage);
    }
    const fetchEnd = snapshots.filter((s) => s.step_name === 'fetch_segments').at(-1)!;
    expect(fetchEnd).toMatchObject({ percentage: 90, items_processed: 138, items_total: 138 });
    expect(fetchEnd.message).toMatch(/^Loading AAPL 1h data \(tail mode\) \[5\/7\] segment 1\/1 /);
  });

  it('repair is saved in the same locked write as the merge: a concurrent merge is kept', async () => {
    const cachedBars = fakeBars(
      'AAPL',
      '1h',
      Date.parse('2024-03-04T00:00:00Z'),
      Date.parse('2024-03-09T00:00:00Z'),
    );
    cachedBars.h[3] = cachedBars.c[3]! - 5; // high below close: repair raises it
    await store.write('AAPL', '1h', cachedBars);
    const older = fakeBars(
      'AAPL',
      '1h',
      Date.parse('2024-01-02T00:00:00Z'),
      Date.parse('2024-01-03T00:00:00Z'),
    );
    const concurrent: Promise<unknown>[] = [];
    // Another load's merge of the same series arrives while this load writes its merge.
    const racingFs: AtomicWriteFs = {
      ...NODE_ATOMIC_WRITE_FS,
      rename: async (from, to) => {
        await NODE_ATOMIC_WRITE_FS.rename(from, to);
        if (concurrent.length === 0) concurrent.push(racing.merge('AAPL', '1h', older));
      },
    };
    const racing = new CsvBarStore(dir, { fs: racingFs });
    operation = new DataLoadOperation({ provider, venue: 'local' }, racing, {
      baseDelayMs: 1,
      now: () => NOW,
    });
    // A full load over the cached days: the bad bar lies in the window the load validates.
    const result = await run({
      mode: 'full',
      start_ms: Date.parse('2024-03-04T00:00:00Z'),
      repair: true,
    }).promise;
    await Promise.all(concurrent);
    expect(concurrent).toHaveLength(1);
    expect(result.validation?.changes).toEqual(['1 high raised to max(open, close)']);
    const stored = await store.read('AAPL', '1h');
    expect(stored.t.slice(0, older.t.length)).toEqual(older.t); // not overwritten by the repair
    expect(stored.t).toHaveLength(older.t.length + result.bars_after);
    expect(result.bars_after).toBeGreaterThan(cachedBars.t.length);
    const i = stored.t.indexOf(cachedBars.t[3]!);
    expect(stored.h[i]).toBe(Math.max(cachedBars.o[3]!, cachedBars.c[3]!));
  });

  it('validates and repairs only the window it loaded: a bad bar before it is left alone', async () => {
    const cachedBars = fakeBars('AAPL', '1h', NOW - 10 * DAY, NOW - 3 * DAY);
    cachedBars.h[3] = cachedBars.c[3]! - 5; // high below close, long before the tail's window
    await store.write('AAPL', '1h', cachedBars);
    const result = await run({ repair: true }).promise;
    expect(result.validation).toMatchObject({ total_errors: 0 });
    expect(result.bars_fetched).toBeGreaterThan(0);
    const stored = await store.read('AAPL', '1h');
    expect(stored.h[stored.t.indexOf(cachedBars.t[3]!)]).toBe(cachedBars.h[3]);
    const local = await run({ mode: 'local', start_ms: NOW - 10 * DAY }).promise;
    expect(local.validation?.issues).toEqual([
      expect.objectContaining({ kind: 'high_below_open_close', count: 1 }),
    ]);
    expect(local.bars_in_range).toBe(stored.t.length);
  });

  it('a tail over a long cache reads the cache only near its end (memory bound by the window)', async () => {
    const cachedBars = fakeBars('AAPL', '1h', Date.parse('2021-01-01T00:00:00Z'), NOW - 3 * DAY);
    await store.write('AAPL', '1h', cachedBars);
    const reads: { startMs?: number }[] = [];
    for (const method of ['read', 'timestamps', 'readPage'] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => unknown;
      jest.spyOn(store, method).mockImplementation((...args: unknown[]) => {
        reads.push(args[2] ?? {});
        return original(...args) as never;
      });
    }
    const result = await run({}).promise;
    expect(result.bars_before).toBe(cachedBars.t.length);
    expect(result.bars_after).toBeGreaterThan(cachedBars.t.length);
    expect(result.first_bar).toBe(new Date(cachedBars.t[0]!).toISOString());
    expect(reads.length).toBeGreaterThan(0);
    for (const { startMs } of reads) expect(startMs).toBeGreaterThan(NOW - 40 * DAY);
  });

  it('tail again fetches only the last (still forming) bar again, and replaces it', async () => {
    await run({}).promise;
    const result = await run({}).promise;
    expect(provider.fetches).toHaveLength(2);
    expect(provider.fetches[1]).toEqual({
      startMs: Date.parse('2024-03-11T17:30:00Z'),
      endMs: NOW - 1,
    });
    expect(result).toMatchObject({
      bars_before: 138,
      bars_after: 138,
      bars_fetched: 1,
      segments_planned: 1,
    });
  });

  it('a tail ending before the last cached bar finds nothing missing and fetches nothing', async () => {
    await run({}).promise;
    const result = await run({ end_ms: Date.parse('2024-03-11T17:00:00Z') }).promise;
    expect(provider.fetches).toHaveLength(1);
    expect(result).toMatchObject({ bars_after: 138, bars_fetched: 0, segments_planned: 0 });
    expect(result.warnings).toContain('nothing missing in the range: no fetch needed');
  });

  it('fetches several segments at once, within the provider concurrency', async () => {
    provider.deferAnswers = true;
    const result = await run({
      timeframe: '1m',
      end_ms: Date.parse('2024-03-08T21:00:00Z'),
      start_ms: Date.parse('2024-03-04T00:00:00Z'),
      mode: 'full',
    }).promise;
    expect(result.segments_planned).toBe(5); // one trading day per 1m request
    expect(result.bars_fetched).toBe(5 * 390);
    expect(provider.maxInFlight).toBe(2);
  });

  it('completes with warnings naming the segments that failed permanently', async () => {
    provider.behaviour = (req) =>
      new Date(req.startMs).toISOString().startsWith('2024-03-06')
        ? { kind: 'fail', error: new NoDataError('HMDS query returned no data') }
        : { kind: 'bars' };
    const { promise, metrics } = run({
      timeframe: '1m',
      mode: 'full',
      start_ms: Date.parse('2024-03-04T00:00:00Z'),
      end_ms: Date.parse('2024-03-08T21:00:00Z'),
    });
    const result = await promise;
    expect(result).toMatchObject({
      segments_planned: 5,
      segments_fetched: 4,
      segments_failed: 1,
      bars_after: 4 * 390,
    });
    expect(result.failed_segments).toEqual([
      expect.objectContaining({
        segment_index: 3,
        code: 'NO_DATA',
        start: '2024-03-06T14:30:00.000Z',
      }),
    ]);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^segment 3\/5 2024-03-06T14:30:00.000Z→.*NO_DATA/),
    );
    expect(result.validation?.issues).toContainEqual({
      kind: 'session_gap',
      severity: 'warning',
      count: 1,
    });
    expect(metrics.map((m) => m.status)).toEqual(expect.arrayContaining(['fetched', 'failed']));
    expect(metrics).toHaveLength(5);
  });

  it('fails with ALL_SEGMENTS_FAILED and writes nothing when every segment failed', async () => {
    provider.behaviour = () => ({ kind: 'fail', error: new NoDataError('no data') });
    await expect(run({}).promise).rejects.toMatchObject({ code: 'ALL_SEGMENTS_FAILED' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('retries a transient failure and counts it', async () => {
    provider.behaviour = (_req, call) =>
      call === 1
        ? { kind: 'fail', error: new ProviderUnavailableError('gateway restarting') }
        : { kind: 'bars' };
    const result = await run({}).promise;
    expect(result).toMatchObject({
      requests_made: 3,
      retries: 1,
      segments_failed: 0,
      bars_fetched: 138,
    });
  });

  it('on cancel mid-segment saves the bars received and ends with the partial summary', async () => {
    const source = new FakeMarketDataProvider(undefined, 1);
    operation = new DataLoadOperation({ provider: source, venue: 'local' }, store, {
      baseDelayMs: 1,
      now: () => NOW,
    });
    const token = new CancellationToken();
    source.behaviour = (_req, call) => (call <= 2 ? { kind: 'bars' } : { kind: 'hang' });
    source.onFetch = () => {
      if (source.fetches.length === 3) setImmediate(() => token.cancel('user requested'));
    };
    const { promise } = run(
      {
        timeframe: '1m',
        mode: 'full',
        start_ms: Date.parse('2024-03-04T00:00:00Z'),
        end_ms: Date.parse('2024-03-08T21:00:00Z'),
      },
      token,
    );
    const error = (await promise.catch((e: unknown) => e)) as CancellationError;
    expect(error).toBeInstanceOf(CancellationError);
    expect(error.reason).toBe('user requested');
    expect(error.partialResult).toMatchObject({
      cancelled: true,
      bars_fetched: 780,
      bars_after: 780,
      segments_fetched: 2,
    });
    expect(source.fetches).toHaveLength(3);
    expect((await store.read('AAPL', '1m')).t).toHaveLength(780);
    expect(readdirSync(dir)).toEqual(['AAPL_1m.csv']);
  });

  describe('a cancel while another writer holds the series', () => {
    function cancelledMidSegment(saveAfterCancelMs: number) {
      const source = new FakeMarketDataProvider(undefined, 1);
      operation = new DataLoadOperation({ provider: source, venue: 'local' }, store, {
        baseDelayMs: 1,
        now: () => NOW,
        saveAfterCancelMs,
      });
      const token = new CancellationToken();
      source.behaviour = (_req, call) => (call <= 2 ? { kind: 'bars' } : { kind: 'hang' });
      source.onFetch = () => {
        if (source.fetches.length === 3) setImmediate(() => token.cancel('user requested'));
      };
      const params = {
        timeframe: '1m' as const,
        mode: 'full' as const,
        start_ms: Date.parse('2024-03-04T00:00:00Z'),
        end_ms: Date.parse('2024-03-08T21:00:00Z'),
      };
      return { token, promise: run(params, token).promise };
    }

    /** Holds the series' lock (an update that writes nothing) until `release()`. */
    function holdSeries() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = store.update('AAPL', '1m', async () => {
        await released;
        return null;
      });
      return { release, held };
    }

    it('saves the fetched bars once the series is free within the grace', async () => {
      const holder = holdSeries();
      const { token, promise } = cancelledMidSegment(60_000);
      token.onCancel(() => setImmediate(holder.release));

      const error = (await promise.catch((e: unknown) => e)) as CancellationError;
      expect(error.partialResult).toMatchObject({ cancelled: true, bars_after: 780 });
      await holder.held;
      expect((await store.read('AAPL', '1m')).t).toHaveLength(780);
    });

    it('gives up after the grace: cancelled, nothing written, a warning says so', async () => {
      const holder = holdSeries();
      const { promise } = cancelledMidSegment(20);

      const error = (await promise.catch((e: unknown) => e)) as CancellationError;
      expect(error).toBeInstanceOf(CancellationError);
      expect(error.reason).toBe('user requested');
      expect(error.partialResult).toMatchObject({
        cancelled: true,
        bars_fetched: 780,
        warnings: expect.arrayContaining([
          'cancelled while waiting for the series to be free: fetched bars not saved',
        ]),
      });
      expect(readdirSync(dir)).toEqual([]);
      holder.release();
      await holder.held;
    });
  });

  it('a cancel before any fetch writes nothing', async () => {
    const token = new CancellationToken();
    token.cancel('changed my mind');
    await expect(run({}, token).promise).rejects.toBeInstanceOf(CancellationError);
    expect(provider.fetches).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('backfill clamps a start earlier than the head timestamp and says so', async () => {
    provider.headMs = Date.parse('2024-03-06T14:30:00Z');
    const result = await run({ mode: 'backfill', start_ms: Date.parse('2024-01-01T00:00:00Z') })
      .promise;
    expect(result.start_clamped).toEqual({
      requested: '2024-01-01T00:00:00.000Z',
      clamped_to: '2024-03-06T14:30:00.000Z',
    });
    expect(result.warnings[0]).toMatch(/clamped/);
    expect(result.first_bar).toBe('2024-03-06T14:30:00.000Z');
  });

  it('a window entirely before the head timestamp fails with BEFORE_HEAD_TIMESTAMP, fetching nothing', async () => {
    provider.headMs = Date.parse('2024-03-06T14:30:00Z');
    for (const mode of ['backfill', 'full', 'tail'] as const) {
      await expect(
        run({
          mode,
          start_ms: Date.parse('2024-01-01T00:00:00Z'),
          end_ms: Date.parse('2024-02-01T00:00:00Z'),
        }).promise,
      ).rejects.toMatchObject({
        code: 'BEFORE_HEAD_TIMESTAMP',
        message: expect.stringContaining('AAPL has no data before 2024-03-06T14:30:00.000Z'),
      });
    }
    expect(provider.fetches).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('local mode reads the cache only', async () => {
    await store.write(
      'AAPL',
      '1h',
      fakeBars(
        'AAPL',
        '1h',
        Date.parse('2024-03-04T00:00:00Z'),
        Date.parse('2024-03-09T00:00:00Z'),
      ),
    );
    const result = await run({
      mode: 'local',
      start_ms: Date.parse('2024-03-06T00:00:00Z'),
      end_ms: Date.parse('2024-03-07T00:00:00Z'),
    }).promise;
    expect(provider.validations).toBe(0);
    expect(provider.fetches).toEqual([]);
    expect(result).toMatchObject({
      source: 'cache',
      bars_before: 35,
      bars_after: 35,
      bars_in_range: 7,
      requests_made: 0,
    });
  });
});
