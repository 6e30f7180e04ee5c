import { CsvProvider } from './csv-provider';
import { createProvider } from './create-provider';
import { IbProvider } from './ib/ib-provider';
import { FakeIbApi } from './ib/testing/fake-ib-api';
import { SyntheticProvider } from './synthetic-provider';

describe('createProvider', () => {
  it('builds the synthetic provider with its latency', async () => {
    const provider = createProvider({ provider: 'synthetic', syntheticLatencyMs: 25 });
    expect(provider).toBeInstanceOf(SyntheticProvider);
    expect((await provider.health()).details).toMatchObject({ latency_ms: 25 });
  });

  it('builds the csv provider on its folder and refuses one without', () => {
    const provider = createProvider({ provider: 'csv', csvDir: '/tmp/somewhere' });
    expect(provider).toBeInstanceOf(CsvProvider);
    expect(() => createProvider({ provider: 'csv' })).toThrow(/CSV_PROVIDER_DIR/);
  });

  it('builds the IB provider on the configured endpoint and client id', async () => {
    const fake = new FakeIbApi();
    const endpoints: unknown[] = [];
    const provider = createProvider({
      provider: 'ib',
      ib: { host: '10.0.0.5', port: 7497, clientId: 42 },
      ibApiFactory: (endpoint) => {
        endpoints.push(endpoint);
        return fake;
      },
    });
    expect(provider).toBeInstanceOf(IbProvider);
    expect(endpoints).toEqual([{ host: '10.0.0.5', port: 7497 }]);
    expect(fake.callsOf('connect')[0]?.args).toEqual([42]);
    await provider.close();
  });
});
