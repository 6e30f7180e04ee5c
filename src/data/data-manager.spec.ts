import type { MarketDataProvider } from '@ktrdr/market-data';
import type { OperationLauncher } from '@ktrdr/operations';
import { AppConfig } from '../config';
import type { HostAdapterFactory } from '../host-adapters';
import { DataManager } from './data-manager';

describe('DataManager venue', () => {
  const launcher = {} as OperationLauncher;
  const hostProvider = { name: 'ib-host' } as unknown as MarketDataProvider;

  function boot(env: Record<string, string>) {
    const ibData = jest.fn(() => hostProvider);
    const adapters = { ibData } as unknown as HostAdapterFactory;
    const config = AppConfig.fromEnv({ DATA_DIR: '/tmp/ktrdr-unused', ...env });
    const manager = new DataManager(launcher, config, adapters);
    manager.onModuleInit();
    return { manager, ibData };
  }

  it('routes to the data host from the validated config', async () => {
    const { manager, ibData } = boot({
      USE_IB_HOST_SERVICE: 'TRUE',
      IB_HOST_SERVICE_URL: 'http://gw:5001/',
      IB_HOST_SERVICE_API_KEY: 'k',
    });
    expect(manager.venue).toBe('host');
    expect(manager.provider).toBe(hostProvider);
    expect(ibData).toHaveBeenCalledWith({ baseUrl: 'http://gw:5001', apiKey: 'k' });
    await manager.onApplicationShutdown();
  });

  it('stays in-process when routing is off, even with a URL set', async () => {
    const { manager, ibData } = boot({
      USE_IB_HOST_SERVICE: 'false',
      IB_HOST_SERVICE_URL: 'http://gw:5001',
    });
    expect(manager.venue).toBe('local');
    expect(manager.provider.name).toBe('synthetic');
    expect(ibData).not.toHaveBeenCalled();
    await manager.onApplicationShutdown();
  });
});
