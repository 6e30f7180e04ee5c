import type { Provider } from '@nestjs/common';
import { CancellationRegistry } from '@ktrdr/async-infrastructure';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from '../../operations.module-definition';
import { isPostgresUrl } from '../../persistence/database-url';
import { OperationLeasesRepository } from '../../persistence/operation-leases.repository';
import { CancelRequests, LocalCancelRequests } from '../cancel-requests';
import { InProcessExecutor } from '../in-process-executor';
import { OperationExecutor } from '../operation-executor';
import { OperationHandlerRegistry } from '../operation-handler.registry';
import { OperationRunner } from '../operation-runner';
import { BullOperationExecutor } from './bull-operation-executor';
import { BullQueues } from './bull-queues';
import { LeaseKeeper } from './lease-keeper';
import { PendingJobsRequeuer } from './pending-jobs-requeuer';
import { QueuedExecutionNeedsPostgresError } from './queued-execution.errors';
import { RedisCancelRequests } from './redis-cancel-requests';

/** The Bull queues of this process, or null in in-process mode. */
export const BULL_QUEUES = Symbol('BULL_QUEUES');

/**
 * The execution venue as DI decides it from `OperationsModuleOptions.queued`: the executor and
 * the cancel path are in-process ones without it, Bull and Redis ones with it. Nothing else in
 * the app (launcher, runner, domain handlers) knows which.
 */
export const EXECUTION_VENUE_PROVIDERS: Provider[] = [
  {
    provide: BULL_QUEUES,
    inject: [OPERATIONS_MODULE_OPTIONS],
    useFactory: (options: OperationsModuleOptions): BullQueues | null => {
      if (!options.queued) return null;
      if (!isPostgresUrl(options.databaseUrl.trim())) throw new QueuedExecutionNeedsPostgresError();
      return new BullQueues(options.queued);
    },
  },
  {
    provide: CancelRequests,
    inject: [OPERATIONS_MODULE_OPTIONS, CancellationRegistry, BULL_QUEUES],
    useFactory: (
      options: OperationsModuleOptions,
      cancellations: CancellationRegistry,
      queues: BullQueues | null,
    ): CancelRequests =>
      options.queued && queues
        ? new RedisCancelRequests(options.queued, cancellations, queues)
        : new LocalCancelRequests(cancellations),
  },
  {
    provide: OperationExecutor,
    inject: [
      OPERATIONS_MODULE_OPTIONS,
      BULL_QUEUES,
      OperationHandlerRegistry,
      OperationRunner,
      OperationLeasesRepository,
      CancellationRegistry,
    ],
    useFactory: (
      options: OperationsModuleOptions,
      queues: BullQueues | null,
      handlers: OperationHandlerRegistry,
      runner: OperationRunner,
      leases: OperationLeasesRepository,
      cancellations: CancellationRegistry,
    ): OperationExecutor => {
      const queued = options.queued;
      if (!queued || !queues) return new InProcessExecutor(runner);
      const keeper =
        queued.role === 'worker' ? new LeaseKeeper(leases, cancellations, queued.workerId) : null;
      const requeuer = new PendingJobsRequeuer(queues, leases);
      return new BullOperationExecutor(queued, queues, handlers, runner, keeper, requeuer);
    },
  },
];
