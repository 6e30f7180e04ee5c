import { Logger, Module } from '@nestjs/common';
import { CsvBarStore } from '@ktrdr/market-data';
import { AppConfig } from '../config';
import { HostAdaptersModule } from '../host-adapters';
import { DataController } from './api/data.controller';
import { MarketDataController } from './api/market-data.controller';
import { DataCacheService } from './data-cache.service';
import { DataLoadOperation } from './data-load.operation';
import { DataManager } from './data-manager';
import { BAR_STORE } from './data.constants';
import { MarketDataSource } from './market-data-source';

const PROCESS_START_MS = performance.timeOrigin;

/**
 * The data domain (data.md): the DataManager and its `data_load` operation, the CSV cache
 * under DATA_DIR, and the data REST routes. Where bars come from is decided at boot from
 * USE_IB_HOST_SERVICE / IB_HOST_SERVICE_URL and DATA_PROVIDER.
 */
@Module({
  imports: [HostAdaptersModule],
  controllers: [DataController, MarketDataController],
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
  ],
  exports: [DataManager, DataCacheService],
})
export class DataModule {}
