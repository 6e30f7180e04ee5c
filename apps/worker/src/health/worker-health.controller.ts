import { Controller } from '@nestjs/common';
import { HostHealthController, type HostHealthCheck } from '@ktrdr/http-kit';
import { OperationExecutor, OperationsService } from '@ktrdr/operations';
import { AppConfig } from '../../../../src/config';

/**
 * `GET /health` of a worker: 200 while the operations store takes writes, 503 when it does not
 * (PostgreSQL away) and while draining. Says who it is and how many operations it runs.
 */
@Controller('health')
export class WorkerHealthController extends HostHealthController {
  constructor(
    private readonly config: AppConfig,
    private readonly executor: OperationExecutor,
    private readonly operations: OperationsService,
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
        ...(storage && { storage }),
      },
    };
  }
}
