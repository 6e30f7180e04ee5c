import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpKitModule, type OpenApiOptions } from '@ktrdr/http-kit';
import { createProvider, type MarketDataProvider } from '@ktrdr/market-data';
import type { DataHostConfig } from './config/data-host-config';
import { DataController } from './market-data/data.controller';
import { HostPacing } from './market-data/host-pacing';
import { RequestCounters } from './market-data/request-counters';
import { DATA_HOST_CONFIG, MARKET_DATA_PROVIDER } from './data-host.constants';
import { DataHealthController } from './health/data-health.controller';

/** How long the provider's close waits for aborted calls to settle. */
const ABORTED_CALLS_SETTLE_MS = 1000;

/**
 * Closes the provider (IB socket, timers) in the last shutdown phase: after `/health` turned
 * 503 and the requests in flight finished or were aborted (DataHealthController's
 * `beforeApplicationShutdown`, then Nest closing the server). Closing it in `onModuleDestroy`,
 * which Nest runs first, failed those requests instead.
 */
@Injectable()
export class ProviderLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly counters: RequestCounters,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // Calls whose connection was just cut are settling (their abort cancels them upstream).
    await this.counters.whenIdle(ABORTED_CALLS_SETTLE_MS);
    await this.provider.close();
  }
}

/** The data host's OpenAPI document (`/api/docs`, `/api/openapi.json`). */
const DATA_HOST_OPENAPI: OpenApiOptions = {
  title: 'ktrdr data host',
  description:
    'Market data near the broker gateway: symbol validation, head timestamps and historical bars ' +
    "from one provider (`ib`, `csv` or `synthetic`). Times are UTC; a bar's time is its open " +
    'time. Errors are `{ statusCode, error, message, code }` with real statuses; a client that ' +
    'goes away cancels the upstream request.',
};

/** Options of {@link DataHostModule.register} besides the configuration. */
export interface DataHostModuleOptions {
  /** Serve this provider instead of the one the configuration names (tests). */
  readonly provider?: MarketDataProvider;
}

/**
 * The data host app: health, validate, head timestamps and historical bars over one provider,
 * behind the HTTP kit (its API key; no ETag: bar answers can be megabytes and no client
 * revalidates them, so hashing them is wasted work).
 */
@Module({})
export class DataHostModule {
  static register(config: DataHostConfig, options: DataHostModuleOptions = {}): DynamicModule {
    return {
      module: DataHostModule,
      imports: [
        HttpKitModule.forRoot({ apiKey: config.apiKey, etag: false, openApi: DATA_HOST_OPENAPI }),
      ],
      controllers: [DataHealthController, DataController],
      providers: [
        { provide: DATA_HOST_CONFIG, useValue: config },
        {
          provide: MARKET_DATA_PROVIDER,
          useFactory: (): MarketDataProvider =>
            options.provider ??
            createProvider({
              provider: config.provider,
              csvDir: config.csvDir,
              ib: config.ib,
              syntheticLatencyMs: config.syntheticLatencyMs,
            }),
        },
        HostPacing,
        RequestCounters,
        ProviderLifecycle,
      ],
    };
  }
}
