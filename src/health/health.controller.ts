import type { ServerResponse } from 'node:http';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { OperationExecutor, ShutdownCoordinator, OperationsService } from '@ktrdr/operations';
import { Public, sendJson } from '@ktrdr/http-kit';

/** What `GET /health` answers while the API serves. */
export interface HealthReport {
  status: 'ok';
  /** Seconds since the API module started. */
  uptime_s: number;
  /** Active (pending, running, cancelling) operations in the registry. */
  active_operations: number;
  /** Operations this process is executing right now. */
  running_here: number;
  execution_mode: 'in-process' | 'queued';
}

/** Liveness/readiness; open without the API key. 503 `{ status: 'draining' }` during shutdown. */
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly shutdown: ShutdownCoordinator,
    private readonly executor: OperationExecutor,
    private readonly operations: OperationsService,
  ) {}

  /** Written by hand: Nest would reset a status set on a passthrough response to 200. */
  @Get()
  async check(@Res() res: ServerResponse): Promise<void> {
    if (this.shutdown.draining) {
      sendJson(res, HttpStatus.SERVICE_UNAVAILABLE, { status: 'draining' });
      return;
    }
    const report: HealthReport = {
      status: 'ok',
      uptime_s: Math.floor((Date.now() - this.startedAt) / 1000),
      active_operations: await this.operations.countActive(),
      running_here: this.executor.activeCount,
      execution_mode: this.executor.durable ? 'queued' : 'in-process',
    };
    sendJson(res, HttpStatus.OK, report);
  }
}
