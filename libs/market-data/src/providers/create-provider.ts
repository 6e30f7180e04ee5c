import { CsvProvider } from './csv-provider';
import type { IbApiFactory } from './ib/ib-api';
import { IbProvider } from './ib/ib-provider';
import type { MarketDataProvider, ProviderName } from './market-data-provider';
import { SyntheticProvider } from './synthetic-provider';

/** Which provider to build and its settings (from environment variables, usually). */
export interface ProviderConfig {
  readonly provider: ProviderName;
  /** Folder of `{SYMBOL}_{timeframe}.csv` files; required for `csv`. */
  readonly csvDir?: string;
  /** TWS / IB Gateway API socket; default 127.0.0.1:4002 (Gateway, paper) with client id 1. */
  readonly ib?: { readonly host: string; readonly port: number; readonly clientId: number };
  /** Replaces the `@stoqey/ib` client (tests). */
  readonly ibApiFactory?: IbApiFactory;
  /** Simulated latency of each synthetic request, ms (default 0). */
  readonly syntheticLatencyMs?: number;
}

/** The IB endpoint used when none is configured: IB Gateway's paper-trading port. */
export const DEFAULT_IB_ENDPOINT = { host: '127.0.0.1', port: 4002, clientId: 1 } as const;

/**
 * Builds the configured {@link MarketDataProvider}. The IB provider starts connecting at once
 * (its health reports the state); close any provider with `close()` when done.
 *
 * @example
 * const provider = createProvider({ provider: 'synthetic', syntheticLatencyMs: 50 });
 */
export function createProvider(config: ProviderConfig): MarketDataProvider {
  switch (config.provider) {
    case 'synthetic':
      return new SyntheticProvider({ latencyMs: config.syntheticLatencyMs });
    case 'csv':
      if (!config.csvDir) throw new Error('The csv provider needs a folder (CSV_PROVIDER_DIR)');
      return new CsvProvider(config.csvDir);
    case 'ib':
      return new IbProvider({
        ...(config.ib ?? DEFAULT_IB_ENDPOINT),
        apiFactory: config.ibApiFactory,
      });
    default: {
      const unreachable: never = config.provider;
      throw new Error(`Unknown market-data provider "${String(unreachable)}"`);
    }
  }
}
