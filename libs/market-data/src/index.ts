// Public face of @ktrdr/market-data: bars, timeframes, symbols, trading calendars, gaps,
// segments, validation, the CSV cache and synthetic bars.

export {
  MarketDataError,
  MarketDataErrorCode,
  InvalidDateRangeError,
  assertDateRange,
} from './errors';
export {
  TIMEFRAMES,
  type Timeframe,
  InvalidTimeframeError,
  isTimeframe,
  parseTimeframe,
  timeframeMs,
} from './timeframes';
export {
  type InstrumentKind,
  InvalidSymbolError,
  normalizeSymbol,
  instrumentKind,
} from './symbols';

export {
  type BarSeries,
  type Bar,
  emptySeries,
  seriesLength,
  barAt,
  firstBar,
  lastBar,
  pushBar,
  seriesFromRows,
  sliceByIndex,
  sliceByTime,
  lowerBound,
  isStrictlyAscending,
  sortAndDedupe,
  concatSeries,
  concatSeriesSteps,
} from './series/bar-series';
export { mergeBars } from './series/merge';
export { SeriesParts } from './series/series-parts';
export {
  type SyntheticBarsOptions,
  SYNTHETIC_HEAD_TIMESTAMP,
  generateSyntheticBars,
} from './series/synthetic-bars';
export {
  type BarIssueKind,
  type IssueSeverity,
  type BarIssue,
  type ValidateBarsOptions,
  type BarValidationResult,
  validateBars,
  validateBarsYielding,
  validateBarPages,
} from './series/bar-validation';

export type { Session, TradingCalendar } from './calendar/trading-calendar';
export { SessionCalendar } from './calendar/session-calendar';
export { NyseCalendar, type EarlyClose } from './calendar/nyse-calendar';
export { ForexCalendar } from './calendar/forex-calendar';
export { calendarFor, NYSE_CALENDAR, FOREX_CALENDAR } from './calendar/calendar-for';
export {
  type HolidayRule,
  type WeekendObservance,
  NYSE_HOLIDAY_RULES,
  easterSunday,
  observedHolidays,
} from './calendar/holiday-rules';
export {
  type WallTime,
  type EarlyCloseRule,
  NYSE_EARLY_CLOSE_RULES,
  nyseEarlyCloseTime,
} from './calendar/early-close-rules';
export {
  type NyseSpecialDay,
  type NyseSpecialClose,
  NYSE_CLOSURES,
  NYSE_SPECIAL_CLOSES,
} from './calendar/nyse-special-days';

export { type Gap, type FindGapsOptions, findMissingSessions } from './gaps/gap-finder';
export { type Segment, IB_MAX_SPAN_MS, planSegments } from './gaps/segmenter';

export {
  type CsvBarStoreOptions,
  type ImportOptions,
  type CachedSeries,
  type WriteOptions,
  CsvBarStore,
} from './store/csv-bar-store';
export type { ImportResult } from './store/import-result';
export { parseTempFileName } from './store/atomic-file-writer';
export { SeriesLock } from './store/series-lock';
export { InProcessSeriesLock } from './store/in-process-series-lock';
export { PostgresSeriesLock, type PostgresSeriesLockOptions } from './store/postgres-series-lock';
export { SeriesNotFoundError, CacheCorruptError } from './store/cache-errors';
export { type CsvRange, scanCsvRange } from './store/csv-range-scanner';
export { type BarPage, type PageRequest } from './store/csv-page-reader';
export { type BarPageBefore, type PageBeforeRequest } from './store/csv-tail-page-reader';
export {
  type ParseBarsOptions,
  CSV_HEADER,
  InvalidCsvError,
  parseBarsCsv,
} from './store/csv-bar-parser';
export { InvalidBarsError, formatBarsCsv, formatTimestamp } from './store/csv-bar-format';
export {
  type VendorCsvOptions,
  type VendorCsvResult,
  parseVendorCsv,
  parseVendorCsvStream,
} from './store/vendor-csv-parser';
export {
  type ImportRejectReason,
  type RejectedRow,
  type ImportRejections,
  MAX_REJECTED_EXAMPLES,
} from './store/import-rejections';
export { type VendorTime, parseVendorTime } from './store/vendor-time';
export {
  type AtomicWriteFs,
  type WritableFile,
  NODE_ATOMIC_WRITE_FS,
  writeFileAtomic,
} from './store/atomic-file-writer';

// Providers: where bars come from (IB Gateway/TWS, a CSV folder, synthetic), used by the data
// host and in-process by the API app.
export {
  type ProviderName,
  type ProviderHealth,
  type ContractInfo,
  type SymbolValidation,
  type HistoricalRequest,
  type HistoricalBars,
  type MarketDataProvider,
} from './providers/market-data-provider';
export {
  ProviderErrorCode,
  ProviderError,
  SymbolNotFoundError,
  NoDataError,
  NoPermissionError,
  BeforeHeadTimestampError,
  PacingViolationError,
  ProviderUnavailableError,
  InvalidProviderRequestError,
  UnknownProviderError,
  isTransient,
} from './providers/provider-errors';
export {
  type PacingScope,
  type PacingRule,
  type PacingKey,
  type PacingDecision,
  type PacingRuleStatus,
  IB_PACING_RULES,
  PacingLimiter,
  parsePacingSpec,
} from './providers/pacing-limiter';
export { abortError, isAbortError } from './providers/provider-abort';
export { SyntheticProvider, type SyntheticProviderOptions } from './providers/synthetic-provider';
export { CsvProvider, type CsvProviderOptions } from './providers/csv-provider';
export { IbProvider, type IbProviderOptions } from './providers/ib/ib-provider';
export {
  type IbApiLike,
  type IbApiFactory,
  type IbEndpoint,
  type IbListener,
  defaultIbApiFactory,
} from './providers/ib/ib-api';
export { IB_BAR_SIZES, ibDuration, ibEndDateTime } from './providers/ib/ib-duration';
export { type IbErrorMeaning, IB_PACING_PENALTY_MS, mapIbError } from './providers/ib/ib-error-map';
export {
  type ProviderConfig,
  DEFAULT_IB_ENDPOINT,
  createProvider,
} from './providers/create-provider';

// The data API's wire contract, shared by the API (src/data) and the CLI (type-only there).
export {
  LOAD_MODES,
  type LoadMode,
  isLoadMode,
  type DataLoadRequest,
  type FailedSegment,
  type ValidationSummary,
  type DataLoadResult,
  type ColumnarBars,
  type ColumnarBarsPage,
  type SeriesRange,
  type CachedTimeframe,
  type CachedSymbol,
  type SymbolList,
  type CsvImportResult,
  type TimeframeList,
} from './api/data-api.types';
