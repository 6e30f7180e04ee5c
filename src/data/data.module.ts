import { Logger, Module } from '@nestjs/common';
import { CsvBarStore } from '@ktrdr/market-data';
import { AppConfig } from '../config';
import { HostAdaptersModule } from '../host-adapters';
import { DataCacheService } from './data-cache.service';
import { DataLoadOperation } from './data-load.operation';
import { DataManager } from './data-manager';
import { DataSeriesLoader } from './data-series.loader';
import { BAR_STORE } from './data.constants';
import { MarketDataSource } from './market-data-source';

const PROCESS_START_MS = performance.timeOrigin;

/**
 * The data domain (data.md): the DataManager and its `data_load` operation, the CSV cache
 * under DATA_DIR, and its operation. Where bars come from is decided at boot from
 * USE_IB_HOST_SERVICE / IB_HOST_SERVICE_URL and DATA_PROVIDER. Without routes, so that a
 * worker runs its operations too; the routes are {@link DataApiModule}'s.
 */
@Module({
  imports: [HostAdaptersModule],
  providers: [
    DataManager,
    { provide: MarketDataSource, useExisting: DataManager },
    {
      provide: BAR_STORE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const logger = new Logger(CsvBarStore.name);
        const store = new CsvBarStore(config.dataDir, { log: (message) => logger.warn(message) });
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
export class DataModule {}
