export { DataModule } from './data.module';
export { DataManager, type DataProviderDiagnostics } from './data-manager';
export {
  DataCacheService,
  type ColumnarBars,
  type SeriesRange,
  type CachedSymbol,
} from './data-cache.service';
export { DataLoadOperation } from './data-load.operation';
export { DataProgressRenderer } from './data-progress.renderer';
export { MarketDataSource } from './market-data-source';
export {
  DATA_LOAD_OPERATION,
  DATA_LOAD_STEPS,
  LOAD_MODES,
  type LoadMode,
  type DataLoadParams,
  type DataLoadResult,
} from './data-load.types';
export { BAR_STORE, DATA_LOAD_TUNING, type DataLoadTuning } from './data.constants';
export {
  DataErrorCode,
  DataError,
  AllSegmentsFailedError,
  InvalidLoadModeError,
  UnsupportedMediaTypeError,
  PayloadTooLargeError,
} from './data.errors';
export { LoadDataDto } from './dto/load-data.dto';
