import type { MarketDataProvider } from '@ktrdr/market-data';

/**
 * Where a load gets its bars: the provider the DataManager chose at boot (in-process or the
 * data host's adapter) and which venue that is. The operation depends on this abstraction,
 * not on the DataManager, so it can run against any provider.
 */
export abstract class MarketDataSource {
  abstract readonly provider: MarketDataProvider;
  abstract readonly venue: 'local' | 'host';
}
