// The JSON of the data API (data.md), types only: the dashboard (web/tsconfig.json) maps
// `@ktrdr/market-data` here, so the page reads the server's own types and no Node code.
export type {
  CachedSymbol,
  CachedTimeframe,
  ColumnarBars,
  ColumnarBarsPage,
  DataLoadRequest,
  DataLoadResult,
  LoadMode,
  SeriesRange,
  SymbolList,
  TimeframeList,
} from './api/data-api.types';
export type { Timeframe } from './timeframes';
