import type { OperationRecord, OperationStatus } from '@ktrdr/operations';

// The wire shapes are the server's contract types; importing them as types only keeps the CLI
// free of the server's runtime code.
export type { OperationEvent, OperationRecord, OperationStatus } from '@ktrdr/operations';
export type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
export type {
  CachedSymbol,
  ColumnarBars,
  ColumnarBarsPage,
  CsvImportResult,
  DataLoadRequest,
  DataLoadResult,
  FailedSegment,
  LoadMode,
  SeriesRange,
  SymbolList,
  ValidationSummary,
} from '@ktrdr/market-data';
export type {
  ExecutionMode,
  ModelList,
  ModelVersionInfo,
  PredictRequest,
  PredictResponse,
  StartTrainingRequest,
  StrategyDetail,
  StrategySummary,
  StrategyValidation,
  TrainingProgressContext,
  TrainingResult,
} from '@ktrdr/training-engine';

export const OPERATION_STATUSES: readonly OperationStatus[] = [
  'pending',
  'running',
  'cancelling',
  'completed',
  'failed',
  'cancelled',
];

const FINAL_STATUSES: readonly OperationStatus[] = ['completed', 'failed', 'cancelled'];

/** True for `completed`, `failed` and `cancelled`: states that never change again. */
export function isFinalStatus(status: OperationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** `GET /operations` query. */
export interface ListOperationsQuery {
  status?: OperationStatus;
  operation_type?: string;
  active_only?: boolean;
  limit?: number;
  offset?: number;
}

/** `GET /operations` answer. */
export interface OperationList {
  items: OperationRecord[];
  total: number;
  active_count: number;
}

/** What every "start an operation" route answers (202). */
export interface StartedOperation {
  operation_id: string;
  status: OperationStatus;
}

/** `POST /operations/dummy` body. */
export interface DummyOperationParams {
  steps: number;
  step_ms: number;
  fail_at_step?: number;
}
