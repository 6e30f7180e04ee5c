import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OperationRecord } from '@ktrdr/operations';
import { calendarFor } from '@ktrdr/market-data';
import { openSse, dataOf } from '../src/common/testing/sse-client';
import { waitForEnd } from '../src/common/testing/operations-client';
import type { DataLoadResult } from '../src/data';
import { spawnService, tempDir, type RunningService } from './support/spawn-service';

const HOST_ENTRY = 'dist/apps/data-host/src/main.js';
const API_ENTRY = 'dist/src/main.js';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A data host plus an API routed to it (USE_IB_HOST_SERVICE), with a temp DATA_DIR. */
interface Stack {
  host: RunningService;
  api: RunningService;
  dataDir: string;
  stop: () => Promise<void>;
}

async function startStack(hostEnv: Record<string, string>): Promise<Stack> {
  const tmp = tempDir('ktrdr-data-e2e-');
  const host = await spawnService(HOST_ENTRY, { DATA_HOST_PROVIDER: 'synthetic', ...hostEnv });
  try {
    const api = await spawnService(API_ENTRY, {
      DATA_DIR: tmp.dir,
      USE_IB_HOST_SERVICE: 'true',
      IB_HOST_SERVICE_URL: host.url,
    });
    return {
      host,
      api,
      dataDir: tmp.dir,
      stop: async () => {
        await Promise.all([api.stop(), host.stop()]);
        tmp.remove();
      },
    };
  } catch (error) {
    await host.stop();
    tmp.remove();
    throw error;
  }
}

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function startLoad(api: string, body: Record<string, unknown>): Promise<string> {
  const { status, json } = await post(`${api}/api/v1/data/load`, body);
  if (status !== 202) throw new Error(`load not started: ${status} ${JSON.stringify(json)}`);
  return json.operation_id as string;
}

async function load(api: string, body: Record<string, unknown>): Promise<OperationRecord> {
  return waitForEnd(api, await startLoad(api, body));
}

/** Resolves once the load reported a finished segment (its SSE progress says so). */
async function firstSegmentDone(api: string, operationId: string): Promise<void> {
  const sse = await openSse(`${api}/api/v1/operations/${operationId}/events`);
  try {
    await sse.waitFor((m) => {
      if (m.event !== 'progress') return false;
      const ctx = dataOf<{ progress: { context: { segments_done?: number } } }>(m).progress.context;
      return (ctx.segments_done ?? 0) >= 1;
    });
  } finally {
    sse.close();
  }
}

interface HostHealth {
  requests_cancelled: number;
  requests_paced: number;
  requests_total: number;
}

/** Polls the host's /health (bounded) until `done` holds; returns the last answer. */
async function hostHealthUntil(
  host: string,
  done: (h: HostHealth) => boolean,
): Promise<HostHealth> {
  let last = await getJson<HostHealth>(`${host}/health`);
  for (let i = 0; i < 100 && !done(last); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await getJson<HostHealth>(`${host}/health`);
  }
  return last;
}

function listDir(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('ktrdr.sqlite'))
    .sort();
}

describe('data loads through the data host (real processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({});
  });
  afterAll(() => stack.stop());

  it('tail, then backfill, through HTTP: bars on disk, real numbers', async () => {
    const api = stack.api.url;
    const tail = await load(api, { symbol: 'AAPL', timeframe: '1d', mode: 'tail' });
    expect(tail.status).toBe('completed');
    const tailResult = tail.result as DataLoadResult;
    expect(tailResult).toMatchObject({
      venue: 'host',
      source: 'synthetic',
      bars_before: 0,
      segments_failed: 0,
    });
    expect(tailResult.bars_after).toBeGreaterThanOrEqual(19);

    const backfill = await load(api, {
      symbol: 'AAPL',
      timeframe: '1d',
      mode: 'backfill',
      start_date: '2023-01-01',
    });
    expect(backfill.status).toBe('completed');
    const result = backfill.result as DataLoadResult;
    expect(result.bars_before).toBe(tailResult.bars_after);
    expect(result.first_bar).toBe('2023-01-03T14:30:00.000Z'); // Jan 2, 2023 was a holiday
    expect(result.bars_after).toBe(result.bars_before + result.bars_fetched);
    expect(result.validation).toMatchObject({ total_errors: 0 });

    const bars = await getJson<{ count: number }>(`${api}/api/v1/data/AAPL/1d`);
    expect(bars.count).toBe(result.bars_after);
    expect(listDir(stack.dataDir)).toEqual(['AAPL_1d.csv']);
  });

  it('backfill clamps a start before the head timestamp and says so', async () => {
    const op = await load(stack.api.url, {
      symbol: 'QQQ',
      timeframe: '1w',
      mode: 'backfill',
      start_date: '1990-01-01',
      end_date: '2016-01-01',
    });
    expect(op.status).toBe('completed');
    const result = op.result as DataLoadResult;
    expect(result.start_clamped?.requested).toBe('1990-01-01T00:00:00.000Z');
    expect(result.warnings.join('\n')).toMatch(/clamped/);
    expect(Date.parse(result.first_bar!)).toBeGreaterThanOrEqual(Date.UTC(2015, 0, 1));
  });

  it('full fills the sessions missing from a user-dropped CSV', async () => {
    const calendar = calendarFor('IBM');
    const all = calendar.barTimestamps(
      '1d',
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 2, 28, 23, 59, 59),
    );
    const feb = all.filter((t) => new Date(t).getUTCMonth() === 1);
    const kept = all.filter((t) => new Date(t).getUTCMonth() !== 1);
    const lines = kept.map((t) => `${new Date(t).toISOString().slice(0, 19)}Z,10,11,9,10.5,100`);
    writeFileSync(
      path.join(stack.dataDir, 'IBM_1d.csv'),
      ['timestamp,open,high,low,close,volume', ...lines, ''].join('\n'),
    );
    const op = await load(stack.api.url, {
      symbol: 'IBM',
      timeframe: '1d',
      mode: 'full',
      start_date: '2024-01-01',
      end_date: '2024-03-28T23:59:59Z',
    });
    expect(op.status).toBe('completed');
    const result = op.result as DataLoadResult;
    expect(result).toMatchObject({
      bars_before: kept.length,
      gaps_found: 1,
      // February, and the last cached bar fetched again (it may have been cached still forming).
      bars_fetched: feb.length + 1,
    });
    expect(result.bars_after).toBe(all.length);
    expect(result.validation?.issues.find((i) => i.kind === 'session_gap')).toBeUndefined();
  });

  it('bad symbols, timeframes and dates are 4xx and leave DATA_DIR unchanged', async () => {
    const before = listDir(stack.dataDir);
    const url = `${stack.api.url}/api/v1/data/load`;
    const cases: [Record<string, unknown>, string][] = [
      [{ symbol: '../../etc', timeframe: '1h' }, 'INVALID_SYMBOL'],
      [{ symbol: 'AAPL', timeframe: '3h' }, 'INVALID_TIMEFRAME'],
      [{ symbol: 'AAPL', timeframe: '1h', start_date: 'soon' }, 'INVALID_DATE_RANGE'],
      [
        { symbol: 'AAPL', timeframe: '1h', start_date: '2024-02-01', end_date: '2024-01-01' },
        'INVALID_DATE_RANGE',
      ],
    ];
    for (const [body, code] of cases) {
      const { status, json } = await post(url, body);
      expect({ status, code: json.code }).toEqual({ status: 400, code });
    }
    expect(listDir(stack.dataDir)).toEqual(before);
  });

  it('diagnostics show the data host adapter and its health', async () => {
    const diag = await getJson<{ adapters: { name: string; requests: number }[]; data: unknown }>(
      `${stack.api.url}/api/v1/health/diagnostics`,
    );
    expect(diag.adapters).toEqual([
      expect.objectContaining({ name: 'ib', base_url: stack.host.url }),
    ]);
    expect(diag.adapters[0]!.requests).toBeGreaterThan(0);
    expect(diag.data).toMatchObject({
      venue: 'host',
      health: { connected: true, provider: 'synthetic' },
    });
  });
});

/** 15 trading days of 1m bars: 15 one-day segments, more than the 10 sockets to the host. */
const SLOW_LOAD = {
  symbol: 'AAPL',
  timeframe: '1m',
  mode: 'full',
  start_date: '2024-03-04',
  end_date: '2024-03-23',
};

describe('cancel and failure with requests in flight', () => {
  it('a cancel aborts the in-flight requests, the host cancels upstream, received bars are saved', async () => {
    const stack = await startStack({ SYNTHETIC_LATENCY_MS: '1500' });
    try {
      const api = stack.api.url;
      const id = await startLoad(api, SLOW_LOAD);
      await firstSegmentDone(api, id);
      const before = await getJson<HostHealth>(`${stack.host.url}/health`);
      const res = await fetch(`${api}/api/v1/operations/${id}`, { method: 'DELETE' });
      expect(res.status).toBe(202);
      const op = await waitForEnd(api, id);
      expect(op.status).toBe('cancelled');
      const result = op.result as DataLoadResult;
      expect(result.cancelled).toBe(true);
      expect(result.segments_fetched).toBeGreaterThanOrEqual(1);
      expect(result.segments_fetched).toBeLessThan(15);
      expect(result.bars_fetched).toBe(result.segments_fetched * 390);
      const health = await hostHealthUntil(
        stack.host.url,
        (h) => h.requests_cancelled > before.requests_cancelled,
      );
      expect(health.requests_cancelled).toBeGreaterThan(before.requests_cancelled);
      const bars = await getJson<{ count: number }>(`${api}/api/v1/data/AAPL/1m`);
      expect(bars.count).toBe(result.bars_fetched);
      expect(listDir(stack.dataDir)).toEqual(['AAPL_1m.csv']);
    } finally {
      await stack.stop();
    }
  });

  it('the host killed mid-load: a clear outcome and a CSV that still parses, no temp files', async () => {
    const stack = await startStack({ SYNTHETIC_LATENCY_MS: '1500' });
    try {
      const api = stack.api.url;
      const id = await startLoad(api, SLOW_LOAD);
      await firstSegmentDone(api, id);
      await stack.host.stop('SIGKILL');
      const op = await waitForEnd(api, id);
      expect(op.status).toBe('completed');
      const result = op.result as DataLoadResult;
      expect(result.segments_failed).toBeGreaterThan(0);
      expect(result.failed_segments.every((f) => f.code === 'PROVIDER_UNAVAILABLE')).toBe(true);
      expect(result.warnings.join('\n')).toMatch(/PROVIDER_UNAVAILABLE/);
      const bars = await getJson<{ count: number }>(`${api}/api/v1/data/AAPL/1m`);
      expect(bars.count).toBe(result.bars_after);
      expect(result.bars_after).toBe(result.segments_fetched * 390);
      expect(listDir(stack.dataDir)).toEqual(['AAPL_1m.csv']);
    } finally {
      await stack.stop();
    }
  });
});

describe('pacing', () => {
  it('429s from a tightly paced host are honoured and the load completes with retries', async () => {
    const stack = await startStack({ DATA_HOST_PACING: '2/1s' });
    try {
      const op = await load(stack.api.url, {
        symbol: 'SPY',
        timeframe: '1d',
        mode: 'full',
        start_date: '2015-01-01',
        end_date: '2025-12-31',
      });
      expect(op.status).toBe('completed');
      const result = op.result as DataLoadResult;
      expect(result.segments_planned).toBeGreaterThanOrEqual(10);
      expect(result.segments_failed).toBe(0);
      expect(result.retries).toBeGreaterThan(0);
      const health = await getJson<HostHealth>(`${stack.host.url}/health`);
      expect(health.requests_paced).toBeGreaterThan(0);
    } finally {
      await stack.stop();
    }
  });
});
