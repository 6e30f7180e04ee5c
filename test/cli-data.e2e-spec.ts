import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ktrdr } from './support/cli-process';
import { spawnService, tempDir, type RunningService } from './support/spawn-service';

/**
 * Every synthetic provider request takes this long, so a 10-year hourly load (about 130
 * segments, 8 at a time) lasts several seconds: time to interrupt it half-way.
 */
const LATENCY_MS = 250;

/** The data rows of a cached CSV (header left out). */
function csvRows(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1);
}

describe('ktrdr data against the real API (embedded synthetic provider)', () => {
  let api: RunningService;
  let data: { dir: string; remove: () => void };

  beforeAll(async () => {
    data = tempDir('ktrdr-cli-data-e2e-');
    api = await spawnService('dist/src/main.js', {
      DATA_DIR: data.dir,
      API_KEY: undefined,
      SYNTHETIC_LATENCY_MS: String(LATENCY_MS),
    });
  });

  afterAll(async () => {
    await api?.stop();
    data?.remove();
  });

  async function getOperation(id: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${api.url}/api/v1/operations/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  it('data load AAPL 1d --mode tail exits 0, prints the summary and writes the CSV', async () => {
    const cli = ktrdr(api.url, ['data', 'load', 'AAPL', '1d', '--mode', 'tail']);
    const [, id] = await cli.waitForStderr(/Started (op_\w+)/);
    expect(await cli.exited).toBe(0);
    const file = path.join(data.dir, 'AAPL_1d.csv');
    expect(existsSync(file)).toBe(true);
    const rows = csvRows(file);
    expect(rows.length).toBeGreaterThanOrEqual(19);
    const out = cli.stdout().split('\n');
    expect(out[0]).toMatch(new RegExp(`^${id} completed in \\S+: symbol=AAPL`));
    expect(out[1]).toMatch(
      new RegExp(
        `^AAPL 1d tail: ${rows.length} bars fetched, ${rows.length} bars cached \\(was 0\\)`,
      ),
    );
    expect(out[2]).toMatch(/^segments 1\/1 fetched, 0 failed · \d+ requests?, 0 retries/);
    expect(out[3]).toBe('source: SYNTHETIC — generated bars, not market data');
    expect(out).toContainEqual(expect.stringMatching(/^warning: synthetic data: /));
    expect(cli.stderr()).toMatch(/\[5\/7\]/);
    expect(await getOperation(id!)).toMatchObject({ status: 'completed' });
  });

  it('data show prints the last bars of what the cache holds', async () => {
    const rows = csvRows(path.join(data.dir, 'AAPL_1d.csv'));
    const cli = ktrdr(api.url, ['data', 'show', 'aapl', '1d', '--limit', '5']);
    expect(await cli.exited).toBe(0);
    const lines = cli.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^AAPL 1d: ${rows.length} bars cached, `));
    expect(lines[1]).toMatch(/^TIME \(UTC\)\s+OPEN\s+HIGH\s+LOW\s+CLOSE\s+VOLUME$/);
    expect(lines.slice(2, -1)).toHaveLength(5);
    const [timestamp, open] = rows.at(-1)!.split(',');
    expect(lines.at(-2)).toMatch(
      new RegExp(`^${timestamp!.slice(0, 10)}\\s+${Number(open).toFixed(2)}\\s`),
    );
    expect(lines.at(-1)).toBe(`last 5 of ${rows.length} bars in the window`);
  });

  it('data import merges a small vendor CSV; data list then lists both series', async () => {
    const file = path.join(data.dir, 'vendor-msft.csv');
    writeFileSync(
      file,
      [
        'Date,Open,High,Low,Close,Volume',
        '2024-03-04,10,12,9,11,1000',
        '2024-03-05,11,13,10,12,1100',
      ].join('\n'),
    );
    const cli = ktrdr(api.url, ['data', 'import', file, '--symbol', 'msft', '--timeframe', '1d']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toBe(
      'Imported 2 bars into MSFT 1d: 2 bars cached now; validation: no issues\n',
    );
    expect(csvRows(path.join(data.dir, 'MSFT_1d.csv'))).toHaveLength(2);

    const aaplBars = csvRows(path.join(data.dir, 'AAPL_1d.csv')).length;
    const list = ktrdr(api.url, ['data', 'list']);
    expect(await list.exited).toBe(0);
    expect(list.stdout()).toMatch(new RegExp(`^AAPL\\s+1d\\s+${aaplBars}\\s`, 'm'));
    expect(list.stdout()).toMatch(/^MSFT\s+1d\s+2\s+2024-03-04\s+2024-03-05$/m);
    expect(list.stdout()).toMatch(/^2 series, 2 symbol\(s\)$/m);
  });

  it('data list flags a corrupted cache file; data show answers 500 CACHE_CORRUPT without its path', async () => {
    const file = path.join(data.dir, 'BROKEN_1h.csv');
    writeFileSync(file, 'this is,not a cache file\n');
    try {
      const list = ktrdr(api.url, ['data', 'list']);
      expect(await list.exited).toBe(0);
      expect(list.stdout()).toMatch(/^BROKEN\s+1h\s+unreadable \(CACHE_CORRUPT\)$/m);
      expect(list.stdout()).toMatch(/^ {2}BROKEN 1h: The cached BROKEN 1h series cannot be read/m);
      const show = ktrdr(api.url, ['data', 'show', 'BROKEN', '1h']);
      expect(await show.exited).toBe(1);
      expect(show.stderr()).toMatch(/cannot be read .*\(HTTP 500 CACHE_CORRUPT\)$/m);
      expect(list.stdout() + show.stderr()).not.toContain(data.dir);
    } finally {
      rmSync(file);
    }
  });

  it('SIGINT during a long load cancels it: exit 130, cancelled, fetched bars kept', async () => {
    const cli = ktrdr(api.url, [
      'data',
      'load',
      'SPY',
      '1h',
      '--mode',
      'full',
      '--start',
      '2015-01-01',
    ]);
    const [, id] = await cli.waitForStderr(/Started (op_\w+)/);
    // A progress line of the fetch step that already counts some bars.
    await cli.waitForStderr(/\[5\/7\] segment \d+\/\d+ .*\([1-9][\d,]*(\/[\d,]+)? bars\)/);
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.stderr()).toContain(`Cancelling ${id}`);
    const operation = await getOperation(id!);
    expect(operation).toMatchObject({ status: 'cancelled', result: { cancelled: true } });
    const result = operation.result as {
      bars_fetched: number;
      bars_after: number;
      segments_planned: number;
    };
    expect(result.bars_fetched).toBeGreaterThan(0);
    expect(result.segments_planned).toBeGreaterThan(100);
    expect(csvRows(path.join(data.dir, 'SPY_1h.csv'))).toHaveLength(result.bars_after);
    expect(cli.stdout()).toMatch(
      new RegExp(`^${id} cancelled after \\S+ \\(cancelled from the CLI`),
    );
    expect(cli.stdout()).toMatch(/^SPY 1h full \(cancelled\): [\d,]+ bars? fetched and kept, /m);
  });

  it.each(['1M', '2h'])(
    'the timeframe %s goes to the API as typed: 400 with the list, exit 1, nothing started',
    async (timeframe) => {
      const before = (await (await fetch(`${api.url}/api/v1/operations`)).json()) as {
        total: number;
      };
      const cli = ktrdr(api.url, ['data', 'load', 'AAPL', timeframe]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toContain(
        `Invalid timeframe '${timeframe}': supported timeframes are 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w (HTTP 400 INVALID_TIMEFRAME)`,
      );
      const after = (await (await fetch(`${api.url}/api/v1/operations`)).json()) as {
        total: number;
      };
      expect(after.total).toBe(before.total);
    },
  );

  it('a symbol the API rejects exits 1 with the API message', async () => {
    const cli = ktrdr(api.url, ['data', 'load', 'AA$PL', '1d']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/^error: Invalid symbol 'AA\$PL'.*\(HTTP 400 INVALID_SYMBOL\)$/m);
    expect(cli.stdout()).toBe('');
  });
});
