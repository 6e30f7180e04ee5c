import type { ServerResponse } from 'node:http';
import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public, sendJson } from '@ktrdr/http-kit';
import { OperationExecutor, ShutdownCoordinator } from '@ktrdr/operations';
import { HealthReportDto } from './health.responses';
import { ReadinessIndicators } from './readiness.indicators';

/** One component's state: `up`, `degraded` (serving without it) or `down`, with details. */
export type ComponentHealth = HealthIndicatorResult[string];

/** What `GET /health` answers while the API serves. */
export interface HealthReport {
  /** `ok`; `degraded`: a host service is unreachable (200); `error`: the database failed (503). */
  status: 'ok' | 'degraded' | 'error';
  /** Seconds since the API module started. */
  uptime_s: number;
  /** Active (pending, running, cancelling) operations in the registry; null if it failed. */
  active_operations: number | null;
  /** Operations this process is executing right now. */
  running_here: number;
  execution_mode: 'in-process' | 'queued';
  /** `database`, and `host:<name>` for each host-service adapter. */
  components: Record<string, ComponentHealth>;
}

/**
 * Liveness/readiness with per-component status; open without the API key. 503 when the
 * database fails, and `{ status: 'draining' }` 503 during shutdown.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly shutdown: ShutdownCoordinator,
    private readonly executor: OperationExecutor,
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  /** Written by hand: Nest would reset a status set on a passthrough response to 200. */
  @Get()
  @ApiOperation({ summary: 'Liveness and readiness, per component (public)' })
  @ApiOkResponse({ description: '`ok` or `degraded`', type: HealthReportDto })
  @ApiServiceUnavailableResponse({
    description: '`error` (the database failed) or `draining` (shutting down)',
    type: HealthReportDto,
  })
  async check(@Res() res: ServerResponse): Promise<void> {
    if (this.shutdown.draining) {
      sendJson(res, HttpStatus.SERVICE_UNAVAILABLE, { status: 'draining' });
      return;
    }
    const checks = this.readiness.checks();
    let result;
    try {
      result = await this.health.check(checks.indicators);
    } catch (error) {
      // terminus throws its result as a 503 when a component is down.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as Awaited<ReturnType<HealthCheckService['check']>>;
    }
    const status = result.status === 'ok' || result.status === 'degraded' ? result.status : 'error';
    const report: HealthReport = {
      status,
      uptime_s: Math.floor((Date.now() - this.startedAt) / 1000),
      active_operations: checks.activeOperations(),
      running_here: this.executor.activeCount,
      execution_mode: this.executor.durable ? 'queued' : 'in-process',
      components: result.details,
    };
    sendJson(res, status === 'error' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK, report);
  }
}
