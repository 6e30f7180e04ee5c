import type { OperationJob } from '../model/operation.types';

/**
 * Where operations run. The module binds {@link InProcessExecutor}; a queued executor (Bull,
 * worker processes) can replace it through DI without touching the launcher or the handlers.
 */
export abstract class OperationExecutor {
  /** Whether a submitted job survives the death of this process (queued: yes; in-process: no). */
  abstract readonly durable: boolean;

  /** Accepts a job for execution and returns without waiting for the work. */
  abstract submit(job: OperationJob): Promise<void>;

  /**
   * Stops taking new work in this process (the first step of a graceful shutdown); what runs
   * goes on. Nothing to do for an executor that only runs what this process submits.
   */
  stopAccepting(): Promise<void> {
    return Promise.resolve();
  }

  /** Waits for the running work to end; true when it all did within `timeoutMs`. */
  abstract drain(timeoutMs: number): Promise<boolean>;

  /** How many jobs this executor is running now. */
  abstract get activeCount(): number;
}
