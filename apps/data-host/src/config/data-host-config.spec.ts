import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IB_PACING_RULES } from '@ktrdr/market-data';
import { DataHostConfigError, loadDataHostConfig } from './data-host-config';

describe('loadDataHostConfig', () => {
  it('defaults to the synthetic provider on 127.0.0.1:8001 without pacing', () => {
    expect(loadDataHostConfig({})).toEqual({
      provider: 'synthetic',
      host: '127.0.0.1',
      port: 8001,
      apiKey: undefined,
      pacingSpec: 'none',
      pacingRules: [],
      ib: { host: '127.0.0.1', port: 4002, clientId: 1 },
      csvDir: undefined,
      syntheticLatencyMs: 0,
      shutdownGraceMs: 10_000,
    });
  });

  it('adds no host pacing by default, for any provider (IbProvider paces what it sends)', () => {
    const ib = loadDataHostConfig({
      DATA_HOST_PROVIDER: 'ib',
      IB_PORT: '7497',
      IB_CLIENT_ID: '12',
    });
    expect(ib).toMatchObject({ pacingSpec: 'none', ib: { port: 7497, clientId: 12 } });
    expect(ib.pacingRules).toEqual([]);
    expect(loadDataHostConfig({}).pacingRules).toEqual([]);
    const ibRules = loadDataHostConfig({ DATA_HOST_PROVIDER: 'ib', DATA_HOST_PACING: 'ib' });
    expect(ibRules.pacingRules).toBe(IB_PACING_RULES);
    const custom = loadDataHostConfig({ DATA_HOST_PROVIDER: 'ib', DATA_HOST_PACING: '2/10s' });
    expect(custom.pacingRules).toEqual([
      { name: '2/10s', scope: 'global', limit: 2, windowMs: 10_000 },
    ]);
  });

  it('needs an existing folder for the csv provider', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-dh-config-'));
    try {
      expect(loadDataHostConfig({ DATA_HOST_PROVIDER: 'csv', CSV_PROVIDER_DIR: dir }).csvDir).toBe(
        dir,
      );
      expect(() => loadDataHostConfig({ DATA_HOST_PROVIDER: 'csv' })).toThrow(
        /CSV_PROVIDER_DIR is required/,
      );
      expect(() =>
        loadDataHostConfig({ DATA_HOST_PROVIDER: 'csv', CSV_PROVIDER_DIR: path.join(dir, 'nope') }),
      ).toThrow(/is not a folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires an API key when listening beyond loopback', () => {
    expect(() => loadDataHostConfig({ HOST: '0.0.0.0' })).toThrow(/DATA_HOST_API_KEY is required/);
    const key = 'a-key-of-16-char';
    expect(loadDataHostConfig({ HOST: '0.0.0.0', DATA_HOST_API_KEY: key }).apiKey).toBe(key);
    for (const env of [
      { HOST: '0.0.0.0', DATA_HOST_API_KEY: 'k' },
      { DATA_HOST_API_KEY: 'short' },
    ]) {
      expect(() => loadDataHostConfig(env)).toThrow(
        /DATA_HOST_API_KEY must be at least 16 characters long$/,
      );
    }
    expect(loadDataHostConfig({ HOST: '::1' }).apiKey).toBeUndefined();
  });

  it('lists every bad value in one error', () => {
    let error: unknown;
    try {
      loadDataHostConfig({
        DATA_HOST_PROVIDER: 'bloomberg',
        PORT: '99999',
        DATA_HOST_PACING: 'fast',
        IB_CLIENT_ID: '-1',
        SYNTHETIC_LATENCY_MS: 'slow',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataHostConfigError);
    expect((error as DataHostConfigError).problems).toEqual([
      expect.stringMatching(/^DATA_HOST_PROVIDER must be one of synthetic, csv, ib/),
      expect.stringMatching(/^PORT must be an integer/),
      expect.stringMatching(/^DATA_HOST_PACING: Invalid pacing "fast"/),
      expect.stringMatching(/^IB_CLIENT_ID must be an integer/),
      expect.stringMatching(/^SYNTHETIC_LATENCY_MS must be an integer/),
    ]);
  });
});
