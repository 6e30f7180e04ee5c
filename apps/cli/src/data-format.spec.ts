import type { ColumnarBars, DataLoadResult, SeriesRange } from './api.types';
import {
  formatBarsTable,
  formatImportResult,
  formatSymbolsTable,
  formatValidation,
  lastBars,
} from './data-format';
import { formatLoadSummary, isDataLoadResult } from './data-load-format';

const HOUR = 3_600_000;

function hourly(prices: number[]): ColumnarBars {
  const t0 = Date.UTC(2024, 0, 2, 14, 30);
  return {
    symbol: 'EUR.USD',
    timeframe: '1h',
    count: prices.length,
    t: prices.map((_p, i) => t0 + i * HOUR),
    o: prices,
    h: prices.map((p) => p + 0.0005),
    l: prices.map((p) => p - 0.0005),
    c: prices,
    v: prices.map(() => 0),
  };
}

const RANGE: SeriesRange = {
  symbol: 'EUR.USD',
  timeframe: '1h',
  first: '2023-01-02T00:00:00.000Z',
  last: '2024-01-02T16:30:00.000Z',
  count: 1234,
};

function result(fields: Partial<DataLoadResult> = {}): DataLoadResult {
  return {
    symbol: 'AAPL',
    timeframe: '1h',
    mode: 'full',
    source: 'ib',
    venue: 'host',
    start: '2024-01-01T00:00:00.000Z',
    end: '2024-02-01T00:00:00.000Z',
    head_timestamp: null,
    start_clamped: null,
    bars_before: 100,
    bars_after: 4100,
    bars_fetched: 4000,
    bars_in_range: 0,
    gaps_found: 3,
    segments_planned: 12,
    segments_fetched: 11,
    segments_failed: 1,
    failed_segments: [],
    requests_made: 14,
    retries: 2,
    first_bar: '2024-01-02T14:30:00.000Z',
    last_bar: '2024-01-31T20:30:00.000Z',
    validation: {
      issues: [{ kind: 'session_gap', severity: 'warning', count: 1 }],
      total_errors: 0,
      total_warnings: 1,
    },
    warnings: ['segment 4/12 2024-01-10→2024-01-12 failed: NO_DATA: nothing there'],
    duration_ms: 4000,
    cancelled: false,
    ...fields,
  };
}

describe('data output formats', () => {
  it('shows intraday bars with minutes and as many decimals as forex prices need', () => {
    const bars = hourly([1.0912, 1.09135, 1.1]);
    const text = formatBarsTable(RANGE, bars, lastBars(bars, 2));
    expect(text.split('\n')).toEqual([
      'EUR.USD 1h: 1,234 bars cached, 2023-01-02 00:00 → 2024-01-02 16:30 (UTC)',
      'TIME (UTC)           OPEN     HIGH      LOW    CLOSE  VOLUME',
      '2024-01-02 15:30  1.09135  1.09185  1.09085  1.09135       0',
      '2024-01-02 16:30  1.10000  1.10050  1.09950  1.10000       0',
      'last 2 of 3 bars in the window',
    ]);
  });

  it('drops float noise, caps decimals at six and says when the window is empty', () => {
    const noisy = hourly([0.1 + 0.2]);
    expect(formatBarsTable(RANGE, noisy, lastBars(noisy, 5))).toContain('  0.3000  ');
    const long = hourly([1.23456789]);
    expect(formatBarsTable(RANGE, long, lastBars(long, 5))).toContain('  1.234568  ');
    const none = hourly([]);
    expect(formatBarsTable(RANGE, none, lastBars(none, 5))).toMatch(
      /\(UTC\)\nNo bars in the requested window\.$/,
    );
  });

  it('summarizes a load: bars, segments, retries, validation, source, warnings', () => {
    expect(formatLoadSummary(result()).split('\n')).toEqual([
      'AAPL 1h full: 4,000 bars fetched, 4,100 bars cached (was 100), 2024-01-02 14:30 → 2024-01-31 20:30',
      'segments 11/12 fetched, 1 failed · 14 requests, 2 retries · validation: 0 errors, 1 warning (session_gap 1)',
      'source: ib via the data host',
      'warning: segment 4/12 2024-01-10→2024-01-12 failed: NO_DATA: nothing there',
    ]);
  });

  it('says loudly when the bars are synthetic, and what a cancelled or local load kept', () => {
    const synthetic = formatLoadSummary(
      result({ source: 'synthetic', venue: 'local', warnings: [] }),
    );
    expect(synthetic).toContain('source: SYNTHETIC — generated bars, not market data');
    const cancelled = formatLoadSummary(result({ cancelled: true, bars_fetched: 1 }));
    expect(cancelled).toMatch(/^AAPL 1h full \(cancelled\): 1 bar fetched and kept, /);
    const local = formatLoadSummary(
      result({
        mode: 'local',
        source: 'cache',
        bars_in_range: 24,
        first_bar: null,
        validation: null,
      }),
    );
    expect(local.split('\n').slice(0, 2)).toEqual([
      'AAPL 1h local: 24 of 4,100 cached bars in range',
      'validation: not run',
    ]);
    expect(local).toContain('source: local cache (nothing fetched)');
  });

  it('recognizes a load result and nothing else', () => {
    expect(isDataLoadResult(result())).toBe(true);
    expect(isDataLoadResult({ steps_completed: 3 })).toBe(false);
    expect(isDataLoadResult(null)).toBe(false);
  });

  it('lists unreadable series with their code and the server message', () => {
    const message = 'The cached BROKEN 1h series cannot be read (line 1: bad header)';
    const text = formatSymbolsTable({
      symbols: [
        {
          symbol: 'AAPL',
          timeframes: [
            {
              timeframe: '1d',
              status: 'ok',
              first: '2024-03-04T14:30:00.000Z',
              last: '2024-03-05T14:30:00.000Z',
              count: 2,
            },
          ],
        },
        {
          symbol: 'BROKEN',
          timeframes: [
            { timeframe: '1h', status: 'unreadable', error: { code: 'CACHE_CORRUPT', message } },
          ],
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      'SYMBOL  TIMEFRAME  BARS  FIRST (UTC)                 LAST (UTC)',
      'AAPL    1d            2  2024-03-04                  2024-03-05',
      'BROKEN  1h               unreadable (CACHE_CORRUPT)',
      '2 series, 2 symbol(s), 1 unreadable:',
      `  BROKEN 1h: ${message}`,
    ]);
  });

  it('reports an import and its validation', () => {
    const validation = {
      issues: [
        { kind: 'high_below_open_close', severity: 'error' as const, count: 2 },
        { kind: 'session_gap', severity: 'warning' as const, count: 1 },
      ],
      total_errors: 2,
      total_warnings: 1,
    };
    expect(formatValidation(validation)).toBe(
      '2 errors, 1 warning (high_below_open_close 2, session_gap 1)',
    );
    expect(
      formatImportResult({
        symbol: 'IBM',
        timeframe: '1d',
        imported: 1,
        merged_total: 1500,
        rejected: {
          total: 2,
          by_reason: { no_session: 2 },
          examples: [
            {
              line: 3,
              time: '2024-03-09',
              reason: 'no_session',
              detail: 'no NYSE session on 2024-03-09 (Saturday)',
            },
            {
              line: 4,
              time: '2024-03-10',
              reason: 'no_session',
              detail: 'no NYSE session on 2024-03-10 (Sunday)',
            },
          ],
        },
        validation: { issues: [], total_errors: 0, total_warnings: 0 },
      }).split('\n'),
    ).toEqual([
      'Imported 1 bar into IBM 1d: 1,500 bars cached now; validation: no issues',
      'Rejected 2 rows (no_session 2), e.g.:',
      '  line 3 2024-03-09: no NYSE session on 2024-03-09 (Saturday)',
      '  line 4 2024-03-10: no NYSE session on 2024-03-10 (Sunday)',
    ]);
  });
});
