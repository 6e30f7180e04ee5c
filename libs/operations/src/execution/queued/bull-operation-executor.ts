import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { QueuedExecutionOptions } from '../../operations.module-definition';
import type { OperationJob } from '../../model/operation.types';
import { InFlightWork } from '../in-flight-work';
import { OperationExecutor } from '../operation-executor';
import type { OperationHandlerRegistry } from '../operation-handler.registry';
import type { OperationRunner } from '../operation-runner';
import type { BullQueues } from './bull-queues';
import type { LeaseKeeper } from './lease-keeper';
import type { PendingJobsRequeuer } from './pending-jobs-requeuer';
import { QueueUnavailableError } from './queued-execution.errors';

/** How long a submit may wait for Redis to take the job before the client gets 503. */
const SUBMIT_TIMEOUT_MS = 2000;

/**
 * Queued execution (queued.md): `submit` adds a Bull job (id = operation id) to the queue of its
 * operation type; worker processes take jobs with the per-type concurrency and run them through
 * the same {@link OperationRunner}, claiming the operation under a lease (a compare-and-set, so a
 * second delivery of a job — Bull's stalled re-delivery included — never runs it twice). The API
 * role only enqueues. Durable: a queued job outlives this process, and the jobs of pending
 * operations that Redis lost are added again ({@link PendingJobsRequeuer}).
 */
export class BullOperationExecutor
  extends OperationExecutor
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  readonly durable = true;
  private readonly logger = new Logger(BullOperationExecutor.name);
  private readonly running = new InFlightWork();

  constructor(
    private readonly options: QueuedExecutionOptions,
    private readonly queues: BullQueues,
    private readonly handlers: OperationHandlerRegistry,
    private readonly runner: OperationRunner,
    /** Only in the worker role. */
    private readonly leases: LeaseKeeper | null,
    private readonly requeuer: PendingJobsRequeuer,
  ) {
    super();
  }

  /** Adds the job; throws QueueUnavailableError when Redis does not take it within 2 s. */
  override async submit(job: OperationJob): Promise<void> {
    if (!this.queues.connected) throw new QueueUnavailableError();
    const added = this.queues.add(job);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError()), SUBMIT_TIMEOUT_MS);
    });
    try {
      await Promise.race([added, timedOut]);
    } catch (error) {
      throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A worker starts taking jobs of every registered type once the whole app is up. */
  onApplicationBootstrap(): void {
    this.requeuer.start();
    if (this.options.role !== 'worker') return;
    for (const type of this.handlers.types()) {
      const concurrency = this.options.concurrency[type] ?? 1;
      this.queues
        .get(type)
        .process(concurrency, (job) => this.process(job.data))
        .catch((error: unknown) => this.logger.error(`Queue ${type} stopped: ${String(error)}`));
    }
    this.leases?.start();
    this.logger.log(
      `Worker ${this.options.workerId} takes ${this.handlers
        .types()
        .map((type) => `${type}×${this.options.concurrency[type] ?? 1}`)
        .join(', ')}`,
    );
  }

  override async stopAccepting(): Promise<void> {
    if (this.options.role !== 'worker') return;
    // Local pause without waiting for the active jobs: they are cancelled and drained next.
    await Promise.allSettled(this.queues.all().map((queue) => queue.pause(true, true)));
  }

  override drain(timeoutMs: number): Promise<boolean> {
    return this.running.drain(timeoutMs);
  }

  override get activeCount(): number {
    return this.running.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.requeuer.stop();
    this.leases?.stop();
    await this.queues.close();
  }

  /** Runs one delivered job to its end; Bull's job completes whatever the operation's outcome. */
  private process(job: OperationJob): Promise<void> {
    const leases = this.leases;
    // Only the delivery that claimed the operation lets go of its lease (a duplicate delivery
    // to this same process must not end the hold of the one running).
    let claimed = false;
    const work = this.runner
      .run(job, {
        ...(leases && {
          lease: leases.lease(),
          onStarted: (id: string) => {
            claimed = true;
            leases.started(id);
            this.logger.log(`Operation ${id} started on ${this.options.workerId}`);
          },
        }),
      })
      .finally(() => {
        if (claimed) leases?.ended(job.operation_id);
      });
    this.running.add(work);
    return work;
  }
}
