import { Injectable, Logger } from '@nestjs/common';
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
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly runner: OperationRunner) {
    super();
  }

  /** Starts the job on the next turn of the event loop and returns at once. */
  override submit(job: OperationJob): Promise<void> {
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.runner.run(job))
      .catch((error: unknown) =>
        this.logger.error(`Operation ${job.operation_id} escaped its runner`, String(error)),
      )
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return Promise.resolve();
  }

  /** Resolves true once every running job ended, false when `timeoutMs` ran out first. */
  override async drain(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const allEnded = (async (): Promise<true> => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true;
    })();
    try {
      return await Promise.race([allEnded, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  override get activeCount(): number {
    return this.running.size;
  }
}
