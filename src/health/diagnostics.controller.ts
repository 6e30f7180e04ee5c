import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdapterHealthReport,
  AdapterRegistry,
  type AdapterStatistics,
} from '@ktrdr/async-infrastructure';
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
}

/**
 * Operator diagnostics: host-service adapters and the market-data provider. Unlike
 * `GET /health` it is NOT public: it needs the API key when one is configured.
 */
@ApiTags('health')
@Controller('health')
export class DiagnosticsController {
  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly data: DataManager,
  ) {}

  @Get('diagnostics')
  @ApiOperation({ summary: 'Host adapters and market-data provider diagnostics (needs the key)' })
  @ApiOkResponse({ description: 'The diagnostics', type: DiagnosticsReportDto })
  async diagnostics(): Promise<DiagnosticsReport> {
    const [hosts, data] = await Promise.all([this.adapters.health(), this.data.diagnostics()]);
    return { adapters: this.adapters.statistics(), hosts, data };
  }
}
