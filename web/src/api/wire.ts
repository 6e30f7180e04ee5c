// The API's JSON as the page reads it: the server's own types (erased by Vite; web/tsconfig.json
// maps each `@ktrdr/*` to the lib's types-only entry), and the few lists the page shows, checked
// complete against those types.
import type { LoadMode, Timeframe } from '@ktrdr/market-data';
import type { OperationEvent, OperationStatus } from '@ktrdr/operations';
import type { SignalClass } from '@ktrdr/training-engine';

export type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
export type {
  CachedSymbol,
  CachedTimeframe,
  ColumnarBarsPage,
  DataLoadRequest,
  LoadMode,
  SeriesRange,
  SymbolList,
  Timeframe,
  TimeframeList,
} from '@ktrdr/market-data';
export type {
  OperationEvent,
  OperationFeedEntry,
  OperationMetricsItem,
  OperationMetricsPage,
  OperationPage,
  OperationRecord,
  OperationStatus,
  StartedOperation,
} from '@ktrdr/operations';
export type {
  ClassMetrics,
  EpochMetrics,
  ModelList,
  ModelVersionDetail,
  ModelVersionInfo,
  PredictRequest,
  PredictResponse,
  SignalClass,
  StartTrainingRequest,
  StrategySummary,
  TestMetrics,
  TrainingMetrics,
} from '@ktrdr/training-engine';

/** socket.io `progress` (and SSE `progress`). */
export type ProgressEvent = Extract<OperationEvent, { kind: 'progress' }>;
/** socket.io `status`: the last event of an operation. */
export type StatusEvent = Extract<OperationEvent, { kind: 'status' }>;

/** Every member of a string union, in the order written; the compiler rejects a missing or extra one. */
function everyMember<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

const TERMINAL: Record<OperationStatus, boolean> = {
  pending: false,
  running: false,
  cancelling: false,
  completed: true,
  failed: true,
  cancelled: true,
};

/** Every status, in lifecycle order (the list filter). */
export const OPERATION_STATUSES = Object.keys(TERMINAL) as readonly OperationStatus[];

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL[status];
}

/** The load form's modes, the default (`tail`) first. */
export const LOAD_MODES = everyMember<LoadMode>({
  tail: true,
  backfill: true,
  full: true,
  local: true,
});

/** The classes in the server's order (rows and columns of a confusion matrix). */
export const SIGNALS = everyMember<SignalClass>({ BUY: true, HOLD: true, SELL: true });

/** The supported timeframes, shortest first (the load form's list until `GET /timeframes` answers). */
export const TIMEFRAMES = everyMember<Timeframe>({
  '1m': true,
  '5m': true,
  '15m': true,
  '30m': true,
  '1h': true,
  '4h': true,
  '1d': true,
  '1w': true,
});
