import type { ServerResponse } from 'node:http';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { OperationExecutor, ShutdownCoordinator, OperationsService } from '@ktrdr/operations';
import { AppError, Public, sendJson } from '@ktrdr/http-kit';

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

/** What `GET /health` answers (503) when a component cannot serve. */
export interface HealthProblem {
  status: 'unavailable';
  /**
   * What is wrong: `database` (it does not answer reads) or `storage` (writes fail: a full disk,
   * operation ends held in memory until they can be written).
   */
  component: 'database' | 'storage';
  code: string;
  message: string;
  /** Since when (storage). */
  since?: string;
}

/**
 * Liveness/readiness; open without the API key. 503 `{ status: 'draining' }` during shutdown,
 * 503 {@link HealthProblem} while the operations database cannot serve reads or writes.
 */
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
    let activeOperations: number;
    try {
      activeOperations = await this.operations.countActive();
    } catch (error) {
      sendJson(res, HttpStatus.SERVICE_UNAVAILABLE, databaseProblem(error));
      return;
    }
    const storage = this.operations.storageProblem();
    if (storage !== null) {
      const held = storage.pending_ends;
      sendJson(res, HttpStatus.SERVICE_UNAVAILABLE, {
        status: 'unavailable',
        component: 'storage',
        code: storage.code,
        message:
          held === 0
            ? storage.message
            : `${storage.message} (${held} operation end(s) held in memory until they can be written)`,
        since: storage.since,
      } satisfies HealthProblem);
      return;
    }
    const report: HealthReport = {
      status: 'ok',
      uptime_s: Math.floor((Date.now() - this.startedAt) / 1000),
      active_operations: activeOperations,
      running_here: this.executor.activeCount,
      execution_mode: this.executor.durable ? 'queued' : 'in-process',
    };
    sendJson(res, HttpStatus.OK, report);
  }
}

function databaseProblem(error: unknown): HealthProblem {
  const known = error instanceof AppError;
  return {
    status: 'unavailable',
    component: 'database',
    code: known ? error.code : 'DATABASE_ERROR',
    message: known ? error.message : 'The operations database failed to answer',
  };
}
