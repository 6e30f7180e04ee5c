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
} from './series/bar-series';
export { mergeBars } from './series/merge';
export {
  type BarIssueKind,
  type IssueSeverity,
  type BarIssue,
  type ValidateBarsOptions,
  type BarValidationResult,
  validateBars,
} from './series/bar-validation';

export type { Session, TradingCalendar } from './calendar/trading-calendar';
export { SessionCalendar } from './calendar/session-calendar';
export { NyseCalendar } from './calendar/nyse-calendar';
export { ForexCalendar } from './calendar/forex-calendar';
export { calendarFor, NYSE_CALENDAR, FOREX_CALENDAR } from './calendar/calendar-for';
export {
  type HolidayRule,
  type WeekendObservance,
  NYSE_HOLIDAY_RULES,
  easterSunday,
  observedHolidays,
} from './calendar/holiday-rules';

export { type Gap, type FindGapsOptions, findMissingSessions } from './gaps/gap-finder';
export { type Segment, IB_MAX_SPAN_MS, planSegments } from './gaps/segmenter';
