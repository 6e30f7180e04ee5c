import { ApiClient } from './api-client';
import { UsageError } from './cli.errors';
import { FakeDataApi } from './testing/fake-data-api';

describe('ApiClient data routes', () => {
  let api: FakeDataApi;
  let client: ApiClient;

  beforeEach(async () => {
    api = await FakeDataApi.start();
    client = new ApiClient({ baseUrl: api.baseUrl });
  });
  afterEach(() => api.close());

  it('encodes the series in the path and sends only the window ends it was given', async () => {
    await expect(client.getBars('A$B', '1d', { end: '2024-01-01' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_SYMBOL',
    });
    const [request] = api.requestsTo('GET', /^\/api\/v1\/data\//);
    expect(request!.path).toBe('/api/v1/data/A%24B/1d');
    expect(Object.fromEntries(request!.query)).toEqual({ end: '2024-01-01' });
  });

  it.each(['.', '..', ''])('refuses %j as a path segment before sending anything', async (bad) => {
    await expect(client.getSeriesRange(bad, '1d')).rejects.toBeInstanceOf(UsageError);
    await expect(client.importCsv('AAPL', bad, 'x')).rejects.toBeInstanceOf(UsageError);
    expect(api.requests).toEqual([]);
  });

  it('sends a CSV body as text/csv, not as JSON', async () => {
    const bytes = Buffer.from('Date,Open,High,Low,Close,Volume\n2024-03-04,1,2,0.5,1.5,10\n');
    const result = await client.importCsv('IBM', '1d', bytes);
    expect(result).toMatchObject({ symbol: 'IBM', timeframe: '1d', imported: 1 });
    const [request] = api.requestsTo('POST', /\/import$/);
    expect(request!.headers['content-type']).toBe('text/csv');
    expect(request!.body).toBe(bytes.toString('utf8'));
  });
});
