import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { undocumentedRoutes } from '@ktrdr/http-kit';
import { startDataHost, type DataHostTestApp } from './testing/data-host-test-app';

describe('data host OpenAPI document', () => {
  let host: DataHostTestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    host = await startDataHost({ DATA_HOST_API_KEY: 'data-host-key-12345' });
    const res = await request(host.url).get('/api/openapi.json').expect(200);
    document = res.body as OpenAPIObject;
  });
  afterAll(() => host?.close());

  it('is public OpenAPI 3 (no key needed), with Swagger UI beside it', async () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('ktrdr data host');
    await request(host.url)
      .get('/api/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    await request(host.url).get('/data/head-timestamp?symbol=AAPL&timeframe=1h').expect(401);
  });

  it('documents every route the host serves', () => {
    expect(undocumentedRoutes(host.app, document)).toEqual([]);
  });

  it('describes bodies, answers and errors', () => {
    const historical = document.paths['/data/historical']!.post!;
    expect(Object.keys(historical.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '422', '429', '500', '502', '503'].sort(),
    );
    const schemas = document.components!.schemas!;
    expect(schemas['HistoricalRequestDto']).toMatchObject({
      required: ['symbol', 'timeframe', 'start', 'end'],
      properties: { timeframe: { enum: expect.arrayContaining(['1m', '1w']) } },
    });
    expect(schemas['HistoricalAnswerDto']).toMatchObject({
      properties: { bars: { $ref: '#/components/schemas/BarSeriesDto' } },
    });
    const health = document.paths['/health']!.get!;
    expect(health.security).toEqual([]);
    expect(Object.keys(health.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });
});
