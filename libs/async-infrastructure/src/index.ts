// module
export { AsyncInfrastructureModule } from './async-infrastructure.module';
export {
  MODULE_OPTIONS_TOKEN as ASYNC_INFRASTRUCTURE_OPTIONS,
  type AsyncInfrastructureOptions,
} from './async-infrastructure.module-definition';

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
export {
  DuplicateOperationTypeError,
  InvalidOperationHandlerError,
  UnknownOperationTypeError,
  ShuttingDownError,
} from './operations/operations.errors';
export { OperationHandlerRegistry } from './operations/operation-handler.registry';
export { OperationExecutor } from './operations/operation-executor';
export { OperationRunner } from './operations/operation-runner';
export { InProcessExecutor } from './operations/in-process-executor';
export { OperationLauncher, type LaunchOperationInput } from './operations/operation-launcher';

// orchestrator
export {
  ServiceOrchestrator,
  type ExecutionVenue,
  type ExecuteWithProgressOptions,
  type ExecuteWithCancellationOptions,
  type HostServiceRoutingConfig,
} from './orchestrator/service-orchestrator';
export { InvalidVenueConfigError, OperationTimeoutError } from './orchestrator/orchestrator.errors';
export {
  ShutdownCoordinator,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from './orchestrator/shutdown-coordinator';

// retries (one policy for every remote call)
export {
  RetryPolicy,
  RETRY_AFTER_MAX_MS,
  backoffDelayMs,
  parseRetryAfterMs,
  type RetryPolicyOptions,
  type RetryPolicyClock,
  type FailedAttempt,
  type RetryDecision,
} from './retry/retry-policy';

// adapters (host-service clients)
export { AsyncServiceAdapter } from './adapters/async-service-adapter';
export type { AdapterRequest, AdapterRetryEvent } from './adapters/adapter-request';
export {
  type AsyncServiceAdapterOptions,
  type AdapterRetryOptions,
  DEFAULT_RETRY_OPTIONS,
} from './adapters/adapter-options';
export {
  AdapterErrorCode,
  HostCallError,
  HostUnavailableError,
  HostTimeoutError,
  HostRejectedError,
  type HostCallInfo,
  type HostErrorBody,
} from './adapters/adapter-errors';
export type {
  AdapterStatistics,
  HostHealth,
  SocketStatistics,
} from './adapters/adapter-statistics';
export type { LatencyPercentiles } from './adapters/latency-reservoir';
export type { AdapterHttpMethod, AttemptFailure } from './adapters/retryable-failure';
export { AdapterRegistry, type AdapterHealthReport } from './adapters/adapter-registry';
export { HOST_ADAPTERS } from './adapters/adapters.constants';
