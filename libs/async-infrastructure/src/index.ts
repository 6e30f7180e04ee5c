// cancellation
export { CancellationError, type CancellationAbortError } from './cancellation/cancellation-error';
export { CancellationToken } from './cancellation/cancellation-token';
export { CancellationRegistry } from './cancellation/cancellation-registry';
export { sleep } from './cancellation/cancellable-sleep';

// context
export type { OperationRunContext } from './context/operation-run-context';
export { OperationContext } from './context/operation-context';
export { NoOperationContextError } from './context/operation-context.errors';

// progress
export type { ProgressSnapshot, ProgressStepDefinition } from './progress/progress.types';
export { ProgressPlan } from './progress/progress-plan';
export {
  ProgressRenderer,
  DefaultProgressRenderer,
  type ProgressRenderState,
} from './progress/progress-renderer';
export { EtaEstimator, type EtaEstimatorOptions } from './progress/eta-estimator';
export {
  ProgressReporter,
  type ProgressReporterOptions,
  type ProgressUpdate,
  type StartStepOptions,
} from './progress/progress-reporter';
export {
  coalesceProgress,
  type CoalesceProgressOptions,
} from './progress/coalesce-progress.operator';

// operations
export {
  TERMINAL_STATUSES,
  ACTIVE_STATUSES,
  isTerminalStatus,
  type OperationStatus,
  type OperationMetadata,
  type OperationError,
  type OperationCancellation,
  type OperationRecord,
  type NewOperation,
  type OperationJob,
  type OperationOutcome,
  type OperationEvent,
} from './operations/operation.types';
export { OperationStore } from './operations/operation-store';
export {
  OperationHandler,
  OPERATION_HANDLER_METADATA,
  type OperationHandlerInstance,
} from './operations/operation-handler';
