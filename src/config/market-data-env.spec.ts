import { AppConfig } from './app-config';
import { EnvValidationError } from './env.validation';

describe('market-data environment (DATA_PROVIDER, CSV_PROVIDER_DIR, SYNTHETIC_LATENCY_MS)', () => {
  it('defaults to the synthetic provider in-process', () => {
    expect(AppConfig.fromEnv({}).marketData).toEqual({
      provider: 'synthetic',
      csvDir: null,
      syntheticLatencyMs: 0,
      ib: { host: '127.0.0.1', port: 4002, clientId: 1 },
      hostApiKey: null,
    });
  });

  it('reads the csv provider folder as an absolute path and numbers as numbers', () => {
    const config = AppConfig.fromEnv({
      DATA_PROVIDER: 'csv',
      CSV_PROVIDER_DIR: 'vendor',
      SYNTHETIC_LATENCY_MS: '25',
      IB_PORT: '7497',
    });
    expect(config.marketData).toMatchObject({
      provider: 'csv',
      csvDir: expect.stringMatching(/^\/.*vendor$/) as string,
      syntheticLatencyMs: 25,
      ib: { port: 7497 },
    });
  });

  it('refuses an unknown provider, a csv provider without folder and a negative latency', () => {
    let error: unknown;
    try {
      AppConfig.fromEnv({ DATA_PROVIDER: 'yahoo', SYNTHETIC_LATENCY_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    expect((error as EnvValidationError).problems.join('\n')).toMatch(
      /DATA_PROVIDER must be one of/,
    );
    expect((error as EnvValidationError).problems.join('\n')).toMatch(/SYNTHETIC_LATENCY_MS/);
    expect(() => AppConfig.fromEnv({ DATA_PROVIDER: 'csv' })).toThrow(
      /CSV_PROVIDER_DIR is required when DATA_PROVIDER is csv/,
    );
  });

  it('never echoes the data host key', () => {
    expect(() => AppConfig.fromEnv({ IB_HOST_SERVICE_API_KEY: 42 })).toThrow(EnvValidationError);
    try {
      AppConfig.fromEnv({ IB_HOST_SERVICE_API_KEY: 42 });
    } catch (e) {
      expect((e as Error).message).not.toContain('42');
    }
  });
});
