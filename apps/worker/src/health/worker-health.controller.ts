import { Controller } from '@nestjs/common';
import { HostHealthController, type HostHealthCheck } from '@ktrdr/http-kit';
import { OperationExecutor, OperationsService, QueuedExecutionProbe } from '@ktrdr/operations';
import { AppConfig } from '../../../../src/config';

/**
 * `GET /health` of a worker: 200 while the operations store takes writes, 503 when it does not
 * (PostgreSQL away) and while draining. Says who it is, how many operations it runs, and whether
 * its Redis connections (queues, event publishing) are up — a worker keeps running and storing
 * progress while Redis is away, so that alone does not fail it.
 */
@Controller('health')
export class WorkerHealthController extends HostHealthController {
  constructor(
    private readonly config: AppConfig,
    private readonly executor: OperationExecutor,
    private readonly operations: OperationsService,
    private readonly queued: QueuedExecutionProbe,
  ) {
    super();
  }

  protected check(): HostHealthCheck {
    const storage = this.operations.storageProblem();
    return {
      healthy: storage === null,
      details: {
        worker_id: this.config.workerId,
        execution_mode: 'queued',
        running: this.executor.activeCount,
        redis: {
          queues: this.queued.queuesConnected() === true ? 'up' : 'down',
          events: this.queued.relayState()?.publishing === true ? 'up' : 'down',
        },
        ...(storage && { storage }),
      },
    };
  }
}
