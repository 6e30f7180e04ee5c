import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdapterHealthReport,
  AdapterRegistry,
  type AdapterStatistics,
} from '@ktrdr/async-infrastructure';
import { QueuedExecutionProbe, type QueueDepth, type WorkerSeen } from '@ktrdr/operations';
import { DataManager, type DataProviderDiagnostics } from '../data';
import { DiagnosticsReportDto } from './health.responses';

/** What `GET /health/diagnostics` answers. */
export interface DiagnosticsReport {
  /** Pool and retry statistics of every host-service adapter. */
  adapters: AdapterStatistics[];
  /** Each adapter's host health (cached by the adapter for a couple of seconds). */
  hosts: AdapterHealthReport[];
  /** Where market data comes from and that provider's health. */
  data: DataProviderDiagnostics;
  /** Queued execution: Redis, the relay, queue depths and the workers seen (null: in-process). */
  execution: QueuedExecutionDiagnostics | null;
}

export interface QueuedExecutionDiagnostics {
  redis: { reachable: boolean; latency_ms: number | null; message: string | null };
  relay: { publishing: boolean; relaying: boolean | null } | null;
  /** Null while Redis is not reachable. */
  queues: Record<string, QueueDepth> | null;
  workers: WorkerSeen[];
}

/**
 * Operator diagnostics: host-service adapters, the market-data provider and, in queued mode, Redis,
 * the queues and the workers. Unlike
 * `GET /health` it is NOT public: it needs the API key when one is configured.
 */
@ApiTags('health')
@Controller('health')
export class DiagnosticsController {
  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly data: DataManager,
    private readonly queued: QueuedExecutionProbe,
  ) {}

  @Get('diagnostics')
  @ApiOperation({ summary: 'Host adapters and market-data provider diagnostics (needs the key)' })
  @ApiOkResponse({ description: 'The diagnostics', type: DiagnosticsReportDto })
  async diagnostics(): Promise<DiagnosticsReport> {
    const [hosts, data, execution] = await Promise.all([
      this.adapters.health(),
      this.data.diagnostics(),
      this.execution(),
    ]);
    return { adapters: this.adapters.statistics(), hosts, data, execution };
  }

  private async execution(): Promise<QueuedExecutionDiagnostics | null> {
    if (!this.queued.queued) return null;
    const redis = await this.queued.pingRedis().then(
      (latency) => ({ reachable: true, latency_ms: latency, message: null }),
      (error: unknown) => ({
        reachable: false,
        latency_ms: null,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    const [queues, workers] = await Promise.all([
      redis.reachable ? this.queued.queueDepths().catch(() => null) : null,
      this.queued.workersSeen(),
    ]);
    return { redis, relay: this.queued.relayState(), queues, workers };
  }
}
