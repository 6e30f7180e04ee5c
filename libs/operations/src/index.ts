/**
 * The operation lifecycle (operations.md): the persisted registry, live events, handler
 * discovery, launcher, executor seam, runner and shutdown. One module, `OperationsModule`, for
 * every Nest app that records or runs operations (the API, the fixture app, a worker).
 * Building blocks without an operation record (cancellation, context, progress, adapters) are
 * `@ktrdr/async-infrastructure`.
 */

// module
export { OperationsModule } from './operations.module';
export {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
  type QueuedExecutionOptions,
} from './operations.module-definition';

// model
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
  type StoredLaunch,
  type OperationJob,
  type OperationOutcome,
  type OperationEvent,
} from './model/operation.types';
export type {
  OperationListQuery,
  OperationPage,
  OperationMetricsItem,
  OperationMetricsPage,
  OperationFeedEntry,
  StartedOperation,
} from './model/operations.types';

// registry
export { OperationsService } from './registry/operations.service';
export {
  OperationsErrorCode,
  OperationsError,
  OperationNotFoundError,
  OperationAlreadyFinishedError,
  InvalidOperationTypeError,
  OperationNotRetryableError,
} from './registry/operations.errors';
export { OperationEventBus } from './events/operation-event-bus';
export { mustDeliverOperationEvent } from './events/must-deliver-operation-event';
export {
  QueuedExecutionProbe,
  type QueueDepth,
  type WorkerSeen,
} from './execution/queued/queued-execution-probe';
export {
  RedisOperationEventBus,
  type RedisOperationEventBusOptions,
  type RedisRelayState,
} from './events/redis-operation-event-bus';
export { InstanceLock } from './registry/instance-lock';
export { InstanceLockedError } from './persistence/instance-lock.types';
export { DatabaseUnavailableError } from './persistence/database.errors';
export { isPostgresUrl, maskDatabasePassword, sqliteFilePath } from './persistence/database-url';
export { postgresConnectionConfig } from './persistence/postgres-connection';

// execution
export { OperationStore, type OperationLease } from './execution/operation-store';
export {
  OperationHandler,
  OPERATION_HANDLER_METADATA,
  type OperationHandlerInstance,
} from './execution/operation-handler';
export {
  DuplicateOperationTypeError,
  InvalidOperationHandlerError,
  UnknownOperationTypeError,
  ShuttingDownError,
} from './execution/execution.errors';
export { OperationHandlerRegistry } from './execution/operation-handler.registry';
export { OperationExecutor } from './execution/operation-executor';
export { OperationRunner, type RunOptions } from './execution/operation-runner';
export { InProcessExecutor } from './execution/in-process-executor';
export {
  OperationLauncher,
  RETRYABLE_STATUSES,
  type LaunchOperationInput,
} from './execution/operation-launcher';
export { ShutdownCoordinator, DEFAULT_SHUTDOWN_GRACE_MS } from './execution/shutdown-coordinator';
export { CancelRequests } from './execution/cancel-requests';
export { BullOperationExecutor } from './execution/queued/bull-operation-executor';
export {
  LEASE_LOST_REASON,
  DEFAULT_LEASE_TIMING,
  type LeaseTiming,
} from './execution/queued/lease-keeper';
export { cancelChannel } from './execution/queued/redis-cancel-requests';
export {
  QueueUnavailableError,
  QueuedExecutionNeedsPostgresError,
} from './execution/queued/queued-execution.errors';
export { ORPHAN_SWEEP_EVERY_MS } from './registry/orphan-sweeper';
export {
  DEFAULT_WORKER_CONCURRENCY,
  MAX_TYPE_CONCURRENCY,
  WorkerConcurrencyError,
  parseWorkerConcurrency,
} from './execution/queued/worker-concurrency';

// orchestrator (base of domain services)
export {
  ServiceOrchestrator,
  type ExecutionVenue,
  type ExecuteWithProgressOptions,
  type ExecuteWithCancellationOptions,
  type HostServiceRoutingConfig,
} from './orchestrator/service-orchestrator';
export { InvalidVenueConfigError, OperationTimeoutError } from './orchestrator/orchestrator.errors';
