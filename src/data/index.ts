export { DataModule } from './data.module';
export { DataApiModule } from './api/data-api.module';
export { DataManager, type DataProviderDiagnostics } from './data-manager';
export { DataCacheService } from './data-cache.service';
export {
  DataSeriesLoader,
  type SeriesLoadRequest,
  type SeriesLoadOptions,
} from './data-series.loader';
export { parseDateParam, parseOptionalDate } from './date-params';
export { readTextBody } from './api/csv-body';
export { DataLoadOperation } from './data-load.operation';
export { DataProgressRenderer } from './data-progress.renderer';
export { MarketDataSource } from './market-data-source';
export { DATA_LOAD_OPERATION, DATA_LOAD_STEPS, type DataLoadParams } from './data-load.types';
// The load result is part of the data API's wire contract in @ktrdr/market-data; re-exported
// for the e2e and bench clients that import it from here.
export type { DataLoadResult } from '@ktrdr/market-data';
export { BAR_STORE, DATA_LOAD_TUNING, type DataLoadTuning } from './data.constants';
export { createSeriesLock, SERIES_LOCK_APPLICATION_SUFFIX } from './series-lock.provider';
export {
  DataErrorCode,
  DataError,
  AllSegmentsFailedError,
  InvalidLoadModeError,
  UnsupportedMediaTypeError,
  PayloadTooLargeError,
} from './data.errors';
export { LoadDataDto } from './dto/load-data.dto';
