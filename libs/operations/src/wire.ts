// The JSON of the operations API (operations.md), types only: the dashboard (web/tsconfig.json)
// maps `@ktrdr/operations` here, so the page reads the server's own types and no Node code.
export type {
  OperationCancellation,
  OperationError,
  OperationEvent,
  OperationMetadata,
  OperationRecord,
  OperationStatus,
} from './model/operation.types';
export type {
  OperationFeedEntry,
  OperationMetricsItem,
  OperationMetricsPage,
  OperationPage,
  StartedOperation,
} from './model/operations.types';
