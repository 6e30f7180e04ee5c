import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AdapterHealthReport, AdapterStatistics } from '@ktrdr/async-infrastructure';
import type { DataProviderDiagnostics } from '../data';
import type { DiagnosticsReport } from './diagnostics.controller';
import type { ComponentHealth, HealthReport } from './health.controller';

// OpenAPI schemas of the health answers; each implements its wire type.

const looseObject = (description: string) =>
  ({ type: 'object', additionalProperties: true, description }) as const;

export class HealthReportDto implements HealthReport {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error', 'draining'],
    description:
      '`degraded`: a host service is unreachable (200); `error`: the database failed (503); ' +
      '`draining`: shutting down (503, and no other field)',
  })
  status!: HealthReport['status'];
  @ApiProperty({ type: 'integer' })
  uptime_s!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the count failed' })
  active_operations!: number | null;
  @ApiProperty({ type: 'integer' })
  running_here!: number;
  @ApiProperty({ enum: ['in-process', 'queued'] })
  execution_mode!: HealthReport['execution_mode'];
  @ApiPropertyOptional({
    type: 'object',
    description:
      '`database`, `storage`; in queued mode `redis`, `queues` (depth per type) and `workers` ' +
      '(seen through their leases); `host:<name>` for each host-service adapter',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } },
      additionalProperties: true,
    },
  })
  components!: Record<string, ComponentHealth>;
}

export class DiagnosticsReportDto implements DiagnosticsReport {
  @ApiProperty({
    type: 'array',
    items: looseObject('Requests, retries, errors, latency p50/p95/p99, sockets created/reused'),
  })
  adapters!: AdapterStatistics[];
  @ApiProperty({ type: 'array', items: looseObject("A host's cached health") })
  hosts!: AdapterHealthReport[];
  @ApiProperty(looseObject("Where market data comes from and that provider's health"))
  data!: DataProviderDiagnostics;
  @ApiProperty({
    ...looseObject('Queued mode: Redis, the event relay, queue depths per type, workers seen'),
    nullable: true,
  })
  execution!: DiagnosticsReport['execution'];
}
