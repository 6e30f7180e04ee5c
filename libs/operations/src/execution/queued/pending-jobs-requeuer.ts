import { Logger } from '@nestjs/common';
import type { OperationLeasesRepository } from '../../persistence/operation-leases.repository';
import type { BullQueues } from './bull-queues';

/** How long after Redis (re)connects the pending operations are read, and how old they must be. */
export const REQUEUE_AFTER_MS = 5000;
/** At most this many jobs are added again per pass (the oldest pending operations first). */
const REQUEUE_BATCH = 1000;

/**
 * Gives the queues back the jobs of operations still `pending` (queued.md, faults to survive):
 * a Redis restarted without persistence has lost every waiting job, and the row alone would stay
 * `pending` for ever. Each time this process's queue connection becomes ready (at boot and after
 * every reconnect) it adds, {@link REQUEUE_AFTER_MS} later, the job of every operation that was
 * pending before then, under its own id. That is safe to repeat and to do from every process:
 * Bull ignores a job id it still holds, and a worker's claim (`pending → running`) refuses an
 * operation that ran or was cancelled meanwhile. The wait lets a submit that is failing (2 s
 * timeout) fail its operation first, so that an operation the client was told failed never runs.
 */
export class PendingJobsRequeuer {
  private readonly logger = new Logger(PendingJobsRequeuer.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly onReady = (): void => this.schedule();

  constructor(
    private readonly queues: BullQueues,
    private readonly leases: OperationLeasesRepository,
    private readonly afterMs = REQUEUE_AFTER_MS,
  ) {}

  start(): void {
    this.queues.client.on('ready', this.onReady);
    if (this.queues.connected) this.schedule();
  }

  stop(): void {
    this.queues.client.off('ready', this.onReady);
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  /** One pass: adds the jobs of the operations pending since before `before` (ISO-8601). */
  async requeue(before: string): Promise<number> {
    const jobs = await this.leases.pendingJobs(before, REQUEUE_BATCH);
    await Promise.all(jobs.map((job) => this.queues.add(job)));
    return jobs.length;
  }

  private schedule(): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.requeue(new Date(Date.now() - this.afterMs).toISOString()).then(
        (count) => {
          if (count > 0) this.logger.log(`Queued again the jobs of ${count} pending operation(s)`);
        },
        (error: unknown) =>
          this.logger.warn(`Could not queue the pending operations again: ${String(error)}`),
      );
    }, this.afterMs);
    timer.unref();
    this.timers.add(timer);
  }
}
