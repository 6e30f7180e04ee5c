/**
 * What a domain needs to do cancellable, observable work: cancellation tokens, the current
 * operation's context, structured progress and the host-service adapter. No notion of an
 * operation record: the lifecycle (registry, launcher, executor, runner) is `@ktrdr/operations`.
 */

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
export { StepPaceHistory } from './progress/step-pace-history';
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

// scheduling (long CPU-bound loops on the main thread)
export { EventLoopYielder, DEFAULT_YIELD_BUDGET_MS } from './scheduling/event-loop-yielder';
export { type Steps, runSteps, runStepsYielding } from './scheduling/yielding-steps';
