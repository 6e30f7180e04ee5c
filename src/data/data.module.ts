import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CsvBarStore, type SeriesLock } from '@ktrdr/market-data';
import { AppConfig } from '../config';
import { HostAdaptersModule } from '../host-adapters';
import { DataCacheService } from './data-cache.service';
import { DataLoadOperation } from './data-load.operation';
import { DataManager } from './data-manager';
import { DataSeriesLoader } from './data-series.loader';
import { BAR_STORE, SERIES_LOCK } from './data.constants';
import { MarketDataSource } from './market-data-source';
import { SERIES_LOCK_PROVIDER } from './series-lock.provider';

const PROCESS_START_MS = performance.timeOrigin;

/**
 * The data domain (data.md): the DataManager and its `data_load` operation, the CSV cache
 * under DATA_DIR. Where bars come from is decided at boot from
 * USE_IB_HOST_SERVICE / IB_HOST_SERVICE_URL and DATA_PROVIDER; how writes of one series are
 * serialised, from EXECUTION_MODE (see createSeriesLock). Without routes, so that a worker runs
 * its operations too; the routes are {@link DataApiModule}'s.
 */
@Module({
  imports: [HostAdaptersModule],
  providers: [
    DataManager,
    { provide: MarketDataSource, useExisting: DataManager },
    SERIES_LOCK_PROVIDER,
    {
      provide: BAR_STORE,
      inject: [AppConfig, SERIES_LOCK],
      useFactory: async (config: AppConfig, lock: SeriesLock) => {
        const logger = new Logger(CsvBarStore.name);
        const store = new CsvBarStore(config.dataDir, {
          log: (message) => logger.warn(message),
          lock,
        });
        // Nothing of this process is being saved yet: older temp files are leftovers.
        await store.removeStaleTempFiles(PROCESS_START_MS);
        return store;
      },
    },
    DataCacheService,
    DataLoadOperation,
    DataSeriesLoader,
  ],
  exports: [DataManager, DataCacheService, DataSeriesLoader],
})
export class DataModule implements OnApplicationShutdown {
  constructor(@Inject(SERIES_LOCK) private readonly lock: SeriesLock) {}

  /** After the operations drained (`beforeApplicationShutdown`): no write holds the lock. */
  onApplicationShutdown(): Promise<void> {
    return this.lock.close();
  }
}
