import type {
  NewOperation,
  OperationOutcome,
  OperationRecord,
  OperationStatus,
  StoredLaunch,
} from '../model/operation.types';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';

/** A queued worker's claim on the operation it starts: who, and until when (ISO-8601). */
export interface OperationLease {
  workerId: string;
  expiresAt: string;
}

/**
 * The port through which the launcher and the runner record an operation's life, whatever
 * executor runs it. `OperationsService` implements it (persisted, shared by every process); the
 * execution side never holds operation state that another process would need.
 *
 * Every method is safe against races: a terminal operation is never changed again.
 */
export abstract class OperationStore {
  /** Creates a `pending` operation (storing its params, if given) and returns it. */
  abstract create(input: NewOperation): Promise<OperationRecord>;

  /** The operation and the params it was started with (what a retry repeats), if it exists. */
  abstract findLaunch(operationId: string): Promise<StoredLaunch | undefined>;

  /**
   * `pending` → `running`. Returns false (and changes nothing) when the operation is no
   * longer pending, e.g. it was cancelled while queued: the work must then not start. A compare-
   * and-set, so of two deliveries of the same job only one starts it. With `lease`, the running
   * operation is held by that worker until `lease.expiresAt` (renewed while it works).
   */
  abstract markRunning(operationId: string, lease?: OperationLease): Promise<boolean>;

  /**
   * Records a progress snapshot. Called at any rate; publishes to live subscribers at once
   * and persists throttled. Ignored once the operation is terminal or when `seq` is not newer.
   */
  abstract recordProgress(operationId: string, snapshot: ProgressSnapshot): void;

  /** Appends one entry to the operation's metrics series. */
  abstract appendMetrics(operationId: string, entry: Record<string, unknown>): Promise<void>;

  /**
   * Ends the operation. An operation in `cancelling` always ends `cancelled` (its result kept
   * as the partial result) whatever the outcome says; a terminal one is left unchanged.
   * Returns the status the operation has afterwards.
   */
  abstract finish(operationId: string, outcome: OperationOutcome): Promise<OperationStatus>;
}
