import { Injectable, Logger } from '@nestjs/common';
import { InFlightWork } from './in-flight-work';
import { OperationExecutor } from './operation-executor';
import { OperationRunner } from './operation-runner';
import type { OperationJob } from '../model/operation.types';

/**
 * Runs operations in this process (the embedded default). Not durable: a job dies with the
 * process, and the store's restart reconciliation marks it failed.
 */
@Injectable()
export class InProcessExecutor extends OperationExecutor {
  readonly durable = false;
  private readonly logger = new Logger(InProcessExecutor.name);
  private readonly running = new InFlightWork();

  constructor(private readonly runner: OperationRunner) {
    super();
  }

  /** Starts the job on the next turn of the event loop and returns at once. */
  override submit(job: OperationJob): Promise<void> {
    this.running.add(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.runner.run(job))
        .catch((error: unknown) =>
          this.logger.error(`Operation ${job.operation_id} escaped its runner`, String(error)),
        ),
    );
    return Promise.resolve();
  }

  /** Resolves true once every running job ended, false when `timeoutMs` ran out first. */
  override drain(timeoutMs: number): Promise<boolean> {
    return this.running.drain(timeoutMs);
  }

  override get activeCount(): number {
    return this.running.size;
  }
}
