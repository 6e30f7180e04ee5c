import type { CancellationToken } from '../cancellation/cancellation-token';
import type { ProgressReporter } from '../progress/progress-reporter';

/**
 * What a running operation receives: its id, its own cancellation token and its progress
 * reporter. The same object is reachable deeper in the call chain through `OperationContext`.
 */
export interface OperationRunContext {
  readonly operationId: string;
  readonly token: CancellationToken;
  readonly progress: ProgressReporter;
  /** Appends an entry to the operation's metrics series (per-epoch losses, per-segment results). */
  appendMetrics(entry: Record<string, unknown>): Promise<void>;
}
