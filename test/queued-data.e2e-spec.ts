import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationRecord } from '@ktrdr/operations';
import { calendarFor, parseTempFileName } from '@ktrdr/market-data';
import { AppConfig } from '../src/config';
import { createSeriesLock, type DataLoadResult, SERIES_LOCK_APPLICATION_SUFFIX } from '../src/data';
import { OpsApi } from './support/ops-api';
import { QueuedCluster, startsByOperation } from './support/queued-cluster';
import type { RunningService } from './support/spawn-service';
import { until } from './support/until';

jest.setTimeout(90_000);

const TIMEFRAME = '1h';

/** A load window; midnight UTC bounds, where a NYSE stock has no 1h bar, so no edge is ambiguous. */
interface LoadWindow {
  start_date: string;
  end_date: string;
}

/** A symbol no other test uses: the workers' series lock is keyed by it across the database. */
const freshSymbol = (): string => `SAME${randomBytes(3).toString('hex').toUpperCase()}`;

/** The bar open times the synthetic provider has for `symbol` in the windows, sorted, unique. */
function calendarBars(symbol: string, windows: readonly LoadWindow[]): number[] {
  const calendar = calendarFor(symbol);
  const all = windows.flatMap((w) =>
    calendar.barTimestamps(TIMEFRAME, Date.parse(w.start_date), Date.parse(w.end_date)),
  );
  return [...new Set(all)].sort((a, b) => a - b);
}

/** Whether two operations were `running` at the same time. */
function ranTogether(a: OperationRecord, b: OperationRecord): boolean {
  const [startA, endA, startB, endB] = [
    a.started_at,
    a.completed_at,
    b.started_at,
    b.completed_at,
  ].map((iso) => Date.parse(iso ?? ''));
  return startA! < endB! && startB! < endA!;
}

describe('queued data loads: two workers loading the same series at once', () => {
  // One data_load slot per worker: the second load has to be taken by the other worker.
  const cluster = new QueuedCluster({
    WORKER_CONCURRENCY: 'data_load=1',
    SYNTHETIC_LATENCY_MS: '200',
  });
  let api: OpsApi;
  let w1: RunningService;
  let w2: RunningService;

  beforeAll(async () => {
    const apiProcess = await cluster.startApi();
    [w1, w2] = await Promise.all([cluster.startWorker('w1'), cluster.startWorker('w2')]);
    api = new OpsApi(apiProcess.url);
  });
  afterAll(() => cluster.cleanup());

  /** Starts one `full` load per window, all at once; the ids in the windows' order. */
  const startLoads = (symbol: string, windows: readonly LoadWindow[]): Promise<string[]> =>
    Promise.all(
      windows.map((w) =>
        api.start('/data/load', { symbol, timeframe: TIMEFRAME, mode: 'full', ...w }),
      ),
    );

  const endOf = async (id: string): Promise<OperationRecord> => {
    await api.followToEnd(id);
    return api.get(id);
  };

  /** Each operation started once, and the two on different workers. */
  function expectOnePerWorker(ids: string[]): void {
    const starts = startsByOperation(w1, w2);
    expect(ids.map((id) => starts.get(id))).toEqual([[expect.any(String)], [expect.any(String)]]);
    expect(ids.flatMap((id) => starts.get(id) ?? []).sort()).toEqual(['w1', 'w2']);
  }

  /**
   * DATA_DIR holds one CSV of the series and no temp file; the file's bars are exactly
   * `expected`, strictly increasing, and the API serves the same.
   */
  async function expectOneCleanSeries(symbol: string, expected: number[]): Promise<void> {
    const names = await readdir(cluster.dataDir);
    expect(names.filter((name) => name.includes(symbol))).toEqual([`${symbol}_${TIMEFRAME}.csv`]);
    expect(names.filter((name) => parseTempFileName(name) !== null)).toEqual([]);

    const csv = await readFile(path.join(cluster.dataDir, `${symbol}_${TIMEFRAME}.csv`), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toBe('timestamp,open,high,low,close,volume');
    const stamps = rows.map((row) => Date.parse(row.slice(0, row.indexOf(','))));
    expect(stamps.every((t, i) => i === 0 || t > stamps[i - 1]!)).toBe(true);
    expect(stamps).toEqual(expected);

    const served = await api.request<{ count: number; t: number[] }>(
      'GET',
      `/data/${symbol}/${TIMEFRAME}`,
    );
    expect(served.status).toBe(200);
    expect(served.body.count).toBe(stamps.length);
    expect(served.body.t).toEqual(stamps);
  }

  it('partly overlapping windows that meet at the series lock: one CSV with every bar of both', async () => {
    const symbol = freshSymbol();
    const windows = [
      { start_date: '2024-03-04', end_date: '2024-03-16' },
      { start_date: '2024-03-11', end_date: '2024-03-23' },
    ];
    const own = windows.map((w) => calendarBars(symbol, [w]).length);
    const union = calendarBars(symbol, windows);
    expect(union.length).toBeLessThan(own[0]! + own[1]!);

    // The test holds the series' lock (built as the workers build theirs, from the cluster's
    // environment) until both loads have fetched and wait for it: their saves then contend for
    // certain, not by luck.
    const gateName = `ktrdr-gate-${cluster.schema}`;
    const url = new URL(cluster.env().DATABASE_URL ?? '');
    url.searchParams.set('application_name', gateName);
    const gate = createSeriesLock(
      AppConfig.fromEnv({
        ...cluster.env({ DATABASE_URL: url.toString() }),
        DATA_DIR: cluster.dataDir,
      }),
    );
    let open = (): void => undefined;
    let holding: Promise<void> = Promise.resolve();
    await new Promise<void>((held) => {
      holding = gate.run(`${symbol}_${TIMEFRAME}`, () => {
        held();
        return new Promise<void>((resolve) => (open = resolve));
      });
    });
    let ids: string[];
    try {
      ids = await startLoads(symbol, windows);
      await until(
        () =>
          cluster.query<{ n: number }>(
            `select count(*)::int as n
             from pg_locks w
             join pg_locks h on h.locktype = 'advisory' and h.granted and h.database = w.database
               and h.classid = w.classid and h.objid = w.objid and h.objsubid = w.objsubid
             join pg_stat_activity a on a.pid = h.pid
             where w.locktype = 'advisory' and not w.granted and a.application_name = $1`,
            [`${gateName}${SERIES_LOCK_APPLICATION_SUFFIX}`],
          ),
        (rows) => rows[0]?.n === 2,
        30_000,
      );
      const waiting = await Promise.all(ids.map((id) => api.get(id)));
      expect(waiting.map((op) => op.status)).toEqual(['running', 'running']);
    } finally {
      open();
      await holding;
      await gate.close();
    }

    const ops = await Promise.all(ids.map(endOf));
    expect(ops.map((op) => op.status)).toEqual(['completed', 'completed']);
    expectOnePerWorker(ids);
    expect(ranTogether(ops[0]!, ops[1]!)).toBe(true);

    const results = ops.map((op) => op.result as DataLoadResult);
    for (const [i, result] of results.entries()) {
      // Both planned on an empty cache and fetched their whole window.
      expect(result).toMatchObject({ source: 'synthetic', bars_before: 0, segments_failed: 0 });
      expect(result.bars_fetched).toBe(own[i]);
    }
    // The first save stored its window; the second merged into it rather than replacing it.
    const after = results.map((r) => r.bars_after);
    expect(after.filter((n) => n === union.length)).toHaveLength(1);
    expect(after.map((n, i) => n === union.length || n === own[i])).toEqual([true, true]);

    await expectOneCleanSeries(symbol, union);
  });

  it('the same window started twice at once: both complete, one CSV with the window once', async () => {
    const symbol = freshSymbol();
    const window = { start_date: '2024-05-06', end_date: '2024-05-18' };
    const ids = await startLoads(symbol, [window, window]);

    const ops = await Promise.all(ids.map(endOf));
    expect(ops.map((op) => op.status)).toEqual(['completed', 'completed']);
    expectOnePerWorker(ids);
    // Each load waits out the synthetic latency twice (symbol, then segment): they overlap.
    expect(ranTogether(ops[0]!, ops[1]!)).toBe(true);
    const expected = calendarBars(symbol, [window]);
    for (const op of ops) {
      expect(op.result).toMatchObject({ source: 'synthetic', bars_after: expected.length });
    }
    await expectOneCleanSeries(symbol, expected);
  });
});
