import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli } from '../testing/cli-harness';
import { FakeDataApi } from '../testing/fake-data-api';

describe('ktrdr data load|show|list|import', () => {
  let api: FakeDataApi;

  afterEach(() => api.close());

  const cli = (...args: string[]) => startCli(['--api-url', api.baseUrl, ...args]);

  describe('load', () => {
    it('starts the load, shows its progress and ends with the load summary', async () => {
      api = await FakeDataApi.start();
      const run = cli('data', 'load', 'aapl', '1d', '--mode', 'backfill', '--start', '2024-01-01');
      expect(await run.done).toBe(0);
      expect(api.requests[0]).toMatchObject({
        method: 'POST',
        path: '/api/v1/data/load',
        body: { symbol: 'AAPL', timeframe: '1d', mode: 'backfill', start_date: '2024-01-01' },
      });
      expect(run.stderr.text).toMatch(/Started op_data_load_\w+ \(Ctrl\+C cancels it\)/);
      expect(run.stderr.text).toContain('Loading AAPL 1d data (backfill mode) segment 3/3');
      const out = run.stdout.text.split('\n');
      expect(out[0]).toMatch(/^op_data_load_\w+ completed in \S+: symbol=AAPL/);
      expect(out[1]).toBe(
        'AAPL 1d backfill: 21 bars fetched, 21 bars cached (was 0), 2024-03-09 → 2024-03-29',
      );
      expect(out[2]).toBe(
        'segments 1/1 fetched, 0 failed · 2 requests, 0 retries · validation: no issues',
      );
      expect(out[3]).toBe('source: SYNTHETIC — generated bars, not market data');
      expect(out[4]).toMatch(/^warning: synthetic data: /);
    });

    it('defaults to tail mode and sends no dates it was not given', async () => {
      api = await FakeDataApi.start({ loadSteps: 1 });
      const run = cli('data', 'load', 'EUR.USD', '1h');
      expect(await run.done).toBe(0);
      expect(api.requests[0]!.body).toEqual({ symbol: 'EUR.USD', timeframe: '1h', mode: 'tail' });
    });

    it.each([
      [['AAPL', '1h/x'], /argument 'timeframe'.*Supported timeframes: 1m, 5m/],
      [['AAPL', '1d', '--mode', 'sideways'], /Allowed choices are local, tail, backfill, full/],
      [['../etc', '1d'], /argument 'symbol'.*Not a symbol/],
      [['AAPL', '1d', '--start', '2024-02-30'], /option '--start <date>'.*ISO-8601/],
      [['AAPL', '1d', '--end', '2024-01-01T10:00'], /option '--end <date>'.*ISO-8601/],
      [
        ['AAPL', '1d', '--start', '2024-03-01', '--end', '2024-02-01'],
        /--start \(2024-03-01\) must be before --end/,
      ],
      [['AAPL'], /missing required argument 'timeframe'/],
    ])('%j is a usage error (exit 2) caught before any request', async (args, message) => {
      api = await FakeDataApi.start();
      const run = cli('data', 'load', ...args);
      expect(await run.done).toBe(2);
      expect(run.stderr.text).toMatch(message);
      expect(api.requests).toEqual([]);
      expect(api.operations.requests).toEqual([]);
    });

    it('a symbol the API rejects exits 1 with the API message and code', async () => {
      api = await FakeDataApi.start();
      const run = cli('data', 'load', 'AA$PL', '1d');
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toContain("error: Invalid symbol 'AA$PL' (HTTP 400 INVALID_SYMBOL)");
      expect(run.stdout.text).toBe('');
    });

    it.each(['1M', '1H', '2h'])(
      'sends the timeframe %s as typed; the API refuses it with the list: exit 1',
      async (timeframe) => {
        api = await FakeDataApi.start();
        const run = cli('data', 'load', 'AAPL', timeframe);
        expect(await run.done).toBe(1);
        expect(api.requests[0]!.body).toMatchObject({ timeframe });
        expect(run.stderr.text).toContain(
          `error: Invalid timeframe '${timeframe}': supported timeframes are 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w (HTTP 400 INVALID_TIMEFRAME)`,
        );
        expect(api.operations.operations.size).toBe(0);
      },
    );

    it('Ctrl+C cancels the load and waits until it is cancelled: exit 130', async () => {
      api = await FakeDataApi.start({ loadSteps: 10_000, loadStepMs: 20 });
      const run = cli('data', 'load', 'MSFT', '1h', '--mode', 'full');
      await run.stderr.waitFor(/segment 2\/10000/);
      run.signals.emit('SIGINT');
      expect(await run.done).toBe(130);
      const [operation] = api.operations.operations.values();
      expect(operation!.record.status).toBe('cancelled');
      const deletes = api.operations.requestsTo('DELETE', /\/operations\//);
      expect(deletes).toHaveLength(1);
      expect(deletes[0]!.body).toEqual({ reason: 'cancelled from the CLI (Ctrl+C)' });
      expect(run.stdout.text).toMatch(/^op_data_load_\w+ cancelled after \S+/);
      // The fake's cancel leaves no load result, so there is no load summary to print.
      expect(run.stdout.text.trimEnd().split('\n')).toHaveLength(1);
    });

    it('a second Ctrl+C stops waiting at once, without reading a summary', async () => {
      api = await FakeDataApi.start({ loadSteps: 10_000, loadStepMs: 20, cancelDelayMs: 60_000 });
      const run = cli('data', 'load', 'MSFT', '1h');
      await run.stderr.waitFor(/segment 2\/10000/);
      run.signals.emit('SIGINT');
      await run.stderr.waitFor(/Cancelling op_data_load_\w+/);
      run.signals.emit('SIGINT');
      expect(await run.done).toBe(130);
      expect(run.stderr.text).toContain('cancel requested, not waiting for it');
      expect(api.operations.requestsTo('GET', /\/operations\/[^/]+$/)).toEqual([]);
      expect(run.stdout.text).toBe('');
    });
  });

  describe('show', () => {
    it('prints the range and a table of the last 20 bars by default', async () => {
      api = await FakeDataApi.start();
      api.seed('AAPL', '1d', 30);
      const run = cli('data', 'show', 'aapl', '1d');
      expect(await run.done).toBe(0);
      const lines = run.stdout.text.trimEnd().split('\n');
      expect(lines[0]).toBe('AAPL 1d: 30 bars cached, 2024-02-29 → 2024-03-29 (UTC)');
      expect(lines[1]).toMatch(/^TIME \(UTC\)\s+OPEN\s+HIGH\s+LOW\s+CLOSE\s+VOLUME$/);
      expect(lines[2]).toMatch(/^2024-03-10\s+110\.00\s+111\.50\s+109\.75\s+110\.50\s+11,000$/);
      expect(lines[21]).toMatch(/^2024-03-29\s+129\.00\s+130\.50\s+128\.75\s+129\.50\s+30,000$/);
      expect(lines[22]).toBe('last 20 of 30 bars in the window');
    });

    it('passes the window to the API and --limit / --json shape the output', async () => {
      api = await FakeDataApi.start();
      api.seed('AAPL', '1d', 30);
      const run = cli(
        'data',
        'show',
        'AAPL',
        '1d',
        '--start',
        '2024-03-01',
        '--end',
        '2024-03-10',
        '--limit',
        '2',
        '--json',
      );
      expect(await run.done).toBe(0);
      const barsRequest = api.requestsTo('GET', /\/data\/AAPL\/1d$/)[0]!;
      expect(Object.fromEntries(barsRequest.query)).toEqual({
        start: '2024-03-01',
        end: '2024-03-10',
        limit: '100000',
      });
      expect(JSON.parse(run.stdout.text)).toEqual({
        symbol: 'AAPL',
        timeframe: '1d',
        first: '2024-02-29T00:00:00.000Z',
        last: '2024-03-29T00:00:00.000Z',
        count: 30,
        bars_in_window: 10,
        bars: [
          {
            timestamp: '2024-03-09T00:00:00Z',
            open: 109,
            high: 110.5,
            low: 108.75,
            close: 109.5,
            volume: 10000,
          },
          {
            timestamp: '2024-03-10T00:00:00Z',
            open: 110,
            high: 111.5,
            low: 109.75,
            close: 110.5,
            volume: 11000,
          },
        ],
      });
    });

    it('follows the pages (next) to the end of the window and prints its last bars', async () => {
      api = await FakeDataApi.start({ maxPage: 7 });
      api.seed('AAPL', '1d', 30);
      const run = cli('data', 'show', 'AAPL', '1d', '--limit', '3');
      expect(await run.done).toBe(0);
      const lines = run.stdout.text.trimEnd().split('\n');
      expect(lines[2]).toMatch(/^2024-03-27\s+127\.00/);
      expect(lines[4]).toMatch(/^2024-03-29\s+129\.00/);
      expect(lines[5]).toBe('last 3 of 30 bars in the window');
      const starts = api
        .requestsTo('GET', /\/data\/AAPL\/1d$/)
        .map((request) => request.query.get('start'));
      expect(starts).toEqual([
        null,
        '2024-03-07T00:00:00.000Z',
        '2024-03-14T00:00:00.000Z',
        '2024-03-21T00:00:00.000Z',
        '2024-03-28T00:00:00.000Z',
      ]);
    });

    it('a series that is not cached exits 1 with the API error', async () => {
      api = await FakeDataApi.start();
      const run = cli('data', 'show', 'NOPE', '1h');
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toContain('No cached data for NOPE_1h (HTTP 404 SERIES_NOT_FOUND)');
    });
  });

  describe('list', () => {
    it('prints one row per cached series, or says the cache is empty', async () => {
      api = await FakeDataApi.start();
      const empty = cli('data', 'list');
      expect(await empty.done).toBe(0);
      expect(empty.stdout.text).toMatch(/^No cached data yet/);

      api.seed('MSFT', '1d', 2);
      api.seed('AAPL', '1d', 1500);
      const run = cli('data', 'list');
      expect(await run.done).toBe(0);
      expect(run.stdout.text.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^SYMBOL\s+TIMEFRAME\s+BARS\s+FIRST \(UTC\)\s+LAST \(UTC\)$/),
        expect.stringMatching(/^AAPL\s+1d\s+1,500\s+2020-02-\d\d\s+2024-03-29$/),
        expect.stringMatching(/^MSFT\s+1d\s+2\s+2024-03-28\s+2024-03-29$/),
        '2 series, 2 symbol(s)',
      ]);
      const json = cli('data', 'list', '--json');
      expect(await json.done).toBe(0);
      expect(JSON.parse(json.stdout.text)).toMatchObject({
        symbols: [
          { symbol: 'AAPL' },
          { symbol: 'MSFT', timeframes: [{ timeframe: '1d', count: 2 }] },
        ],
      });
    });
  });

  describe('import', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-cli-import-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('sends the file as text/csv and prints what was merged', async () => {
      api = await FakeDataApi.start();
      const file = path.join(dir, 'msft.csv');
      const csv =
        'Date,Open,High,Low,Close,Volume\n2024-03-04,10,12,9,11,1000\n2024-03-05,11,13,10,12,1100\n';
      writeFileSync(file, csv);
      const run = cli('data', 'import', file, '--symbol', 'msft', '--timeframe', '1d');
      expect(await run.done).toBe(0);
      const request = api.requestsTo('POST', /\/import$/)[0]!;
      expect(request.path).toBe('/api/v1/data/MSFT/1d/import');
      expect(request.headers['content-type']).toBe('text/csv');
      expect(request.body).toBe(csv);
      expect(run.stdout.text).toBe(
        'Imported 2 bars into MSFT 1d: 2 bars cached now; validation: no issues\n',
      );
    });

    it('a missing file exits 1 before any request; missing flags exit 2', async () => {
      api = await FakeDataApi.start();
      const missing = cli(
        'data',
        'import',
        path.join(dir, 'nope.csv'),
        '--symbol',
        'X',
        '--timeframe',
        '1d',
      );
      expect(await missing.done).toBe(1);
      expect(missing.stderr.text).toMatch(/cannot read .*nope\.csv: no such file/);
      const noFlag = cli('data', 'import', path.join(dir, 'nope.csv'), '--symbol', 'X');
      expect(await noFlag.done).toBe(2);
      expect(noFlag.stderr.text).toContain(
        "required option '--timeframe <timeframe>' not specified",
      );
      expect(api.requests).toEqual([]);
    });
  });
});
