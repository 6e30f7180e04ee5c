import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startDataHost, type DataHostTestApp } from '../testing/data-host-test-app';

describe('data host routes (synthetic provider)', () => {
  let host: DataHostTestApp;

  beforeAll(async () => {
    host = await startDataHost({ DATA_HOST_PROVIDER: 'synthetic' });
  });
  afterAll(() => host.close());

  const health = async () =>
    (await request(host.url).get('/health')).body as Record<string, unknown>;

  it('POST /data/historical answers columnar bars with epoch-ms times, labelled synthetic', async () => {
    const res = await request(host.url)
      .post('/data/historical')
      .send({ symbol: ' aapl ', timeframe: '1h', start: '2024-01-02T00:00:00Z', end: '2024-01-03' })
      .expect(200);
    expect(res.body).toMatchObject({
      symbol: 'AAPL',
      timeframe: '1h',
      source: 'synthetic',
      start: '2024-01-02T00:00:00.000Z',
      end: '2024-01-03T00:00:00.000Z',
      count: 7,
    });
    expect(res.body.bars.t[0]).toBe(Date.UTC(2024, 0, 2, 14, 30));
    for (const column of ['o', 'h', 'l', 'c', 'v']) expect(res.body.bars[column]).toHaveLength(7);
  });

  it('POST /data/validate answers contract info and head timestamps', async () => {
    const res = await request(host.url)
      .post('/data/validate')
      .send({ symbol: 'eur.usd', timeframes: ['1h', '1d'] })
      .expect(200);
    expect(res.body).toMatchObject({
      symbol: 'EUR.USD',
      source: 'synthetic',
      contract: { kind: 'forex', currency: 'USD' },
      head_timestamps: { '1h': expect.any(String), '1d': expect.any(String) },
    });
  });

  it('GET /data/head-timestamp answers the earliest bar', async () => {
    const res = await request(host.url)
      .get('/data/head-timestamp')
      .query({ symbol: 'AAPL', timeframe: '1d' })
      .expect(200);
    expect(res.body).toEqual({
      symbol: 'AAPL',
      timeframe: '1d',
      head_timestamp: '2015-01-02T14:30:00.000Z',
      source: 'synthetic',
    });
  });

  it('answers 400 JSON_TOO_DEEP to a deeply nested body, not a 500', async () => {
    const res = await request(host.url)
      .post('/data/historical')
      .set('content-type', 'application/json')
      .send(`{"symbol": ${'['.repeat(1400)}${']'.repeat(1400)}}`)
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
  });

  it('answers 422 with the head timestamp for a range before it', async () => {
    const res = await request(host.url)
      .post('/data/historical')
      .send({ symbol: 'AAPL', timeframe: '1d', start: '2010-01-01', end: '2011-01-01' })
      .expect(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'BEFORE_HEAD_TIMESTAMP',
      details: { head_timestamp: '2015-01-02T14:30:00.000Z' },
    });
  });

  it.each([
    [
      { symbol: '../etc', timeframe: '1h', start: '2024-01-02', end: '2024-01-03' },
      'INVALID_SYMBOL',
    ],
    [
      { symbol: 'AAPL', timeframe: '2h', start: '2024-01-02', end: '2024-01-03' },
      'INVALID_TIMEFRAME',
    ],
    [
      { symbol: 'AAPL', timeframe: '1h', start: 'yesterday', end: '2024-01-03' },
      'INVALID_DATE_RANGE',
    ],
    [
      { symbol: 'AAPL', timeframe: '1h', start: '2024-02-30', end: '2024-03-03' },
      'INVALID_DATE_RANGE',
    ],
    [
      { symbol: 'AAPL', timeframe: '1h', start: '2024-01-03', end: '2024-01-03' },
      'INVALID_DATE_RANGE',
    ],
    [
      { symbol: 'EUR.USD', timeframe: '1m', start: '2015-01-01', end: '2199-12-31' },
      'INVALID_REQUEST',
    ],
    [{ symbol: 'AAPL', timeframe: '1h', start: '2024-01-02' }, 'VALIDATION_FAILED'],
    [
      { symbol: 'AAPL', timeframe: '1h', start: '2024-01-02', end: '2024-01-03', x: 1 },
      'VALIDATION_FAILED',
    ],
  ])('answers 400 for bad input %p (%s) and does nothing', async (body, code) => {
    const before = await health();
    const res = await request(host.url).post('/data/historical').send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code });
    expect((await health()).requests_total).toBe(before.requests_total);
  });

  it('answers 400 INVALID_TIMEFRAME listing the supported ones', async () => {
    const res = await request(host.url)
      .get('/data/head-timestamp')
      .query({ symbol: 'AAPL', timeframe: '3m' })
      .expect(400);
    expect(res.body.message).toMatch(/1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w/);
  });
});

describe('data host routes (csv provider)', () => {
  let dir: string;
  let host: DataHostTestApp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-data-host-csv-'));
    writeFileSync(
      path.join(dir, 'AAPL_1d.csv'),
      'timestamp,open,high,low,close,volume\n2024-01-02T14:30:00Z,187.15,188.44,183.89,185.64,82488700\n',
    );
    host = await startDataHost({ DATA_HOST_PROVIDER: 'csv', CSV_PROVIDER_DIR: dir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404 SYMBOL_NOT_FOUND for a symbol without a file', async () => {
    const res = await request(host.url).post('/data/validate').send({ symbol: 'MSFT' }).expect(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      code: 'SYMBOL_NOT_FOUND',
    });
    await request(host.url)
      .get('/data/head-timestamp')
      .query({ symbol: 'MSFT', timeframe: '1d' })
      .expect(404);
  });

  it('serves the file, labelled csv', async () => {
    const res = await request(host.url)
      .post('/data/historical')
      .send({ symbol: 'AAPL', timeframe: '1d', start: '2024-01-01', end: '2024-01-31' })
      .expect(200);
    expect(res.body).toMatchObject({ source: 'csv', count: 1, bars: { c: [185.64] } });
  });
});

describe('data host pacing (DATA_HOST_PACING=2/10s)', () => {
  let host: DataHostTestApp;

  beforeAll(async () => {
    host = await startDataHost({ DATA_HOST_PACING: '2/10s' });
  });
  afterAll(() => host.close());

  it('answers 429 with Retry-After at once when over budget, without calling the provider', async () => {
    const body = (day: number) => ({
      symbol: 'AAPL',
      timeframe: '1d',
      start: `2024-01-0${day}`,
      end: `2024-01-0${day + 1}`,
    });
    // Bad input is refused before pacing: it uses none of the budget.
    await request(host.url)
      .post('/data/historical')
      .send({ ...body(1), timeframe: '2h' })
      .expect(400);
    await request(host.url).post('/data/historical').send(body(1)).expect(200);
    await request(host.url).post('/data/historical').send(body(2)).expect(200);
    const paced = await request(host.url).post('/data/historical').send(body(3)).expect(429);
    expect(paced.body).toMatchObject({ statusCode: 429, code: 'PACING_VIOLATION' });
    const retryAfter = Number(paced.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    const health = (await request(host.url).get('/health').expect(200)).body;
    expect(health).toMatchObject({ requests_total: 2, requests_paced: 1 });
    expect(health.pacing).toMatchObject({ spec: '2/10s', rules: [{ used: 2, remaining: 0 }] });
  });
});
