import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  type ExecutionVenue,
  OperationLauncher,
  type OperationStatus,
  ServiceOrchestrator,
} from '@ktrdr/operations';
import {
  assertDateRange,
  createProvider,
  isLoadMode,
  type MarketDataProvider,
  normalizeSymbol,
  type ProviderHealth,
  parseTimeframe,
} from '@ktrdr/market-data';
import { AppConfig } from '../config';
import { HostAdapterFactory } from '../host-adapters';
import { DATA_LOAD_OPERATION, type DataLoadParams } from './data-load.types';
import { InvalidLoadModeError } from './data.errors';
import { parseOptionalDate } from './date-params';
import type { LoadDataDto } from './dto/load-data.dto';
import { MarketDataSource } from './market-data-source';

/** Where market data comes from, for the diagnostics route. */
export interface DataProviderDiagnostics {
  venue: 'local' | 'host';
  provider: string;
  /** The provider's health; through the data host, the host's (cached) answer. */
  health: ProviderHealth;
}

/**
 * The data domain's service: picks where bars come from at boot (the data host through the
 * IbDataAdapter when `USE_IB_HOST_SERVICE` is on, else the configured provider in-process —
 * synthetic by default, so a bare `npm start` can load data) and starts `data_load`
 * operations once their input is fully valid.
 */
@Injectable()
export class DataManager
  extends ServiceOrchestrator
  implements MarketDataSource, OnModuleInit, OnApplicationShutdown
{
  private readonly logger = new Logger(DataManager.name);
  private source: { provider: MarketDataProvider; venue: ExecutionVenue } | null = null;

  constructor(
    launcher: OperationLauncher,
    private readonly config: AppConfig,
    private readonly adapters: HostAdapterFactory,
  ) {
    super(launcher);
  }

  onModuleInit(): void {
    const venue = this.resolveVenue(this.config.ibHostService);
    const settings = this.config.marketData;
    const provider =
      venue.kind === 'host'
        ? this.adapters.ibData({
            baseUrl: venue.baseUrl,
            ...(settings.hostApiKey ? { apiKey: settings.hostApiKey } : {}),
          })
        : createProvider({
            provider: settings.provider,
            csvDir: settings.csvDir ?? undefined,
            ib: settings.ib,
            syntheticLatencyMs: settings.syntheticLatencyMs,
          });
    this.source = { provider, venue };
    this.logger.log(
      venue.kind === 'host'
        ? `Market data from the data host at ${venue.baseUrl}`
        : `Market data from the in-process ${provider.name} provider`,
    );
  }

  /** The provider loads use (the data host's adapter or an in-process provider). */
  get provider(): MarketDataProvider {
    if (!this.source) throw new Error('DataManager used before module init');
    return this.source.provider;
  }

  get venue(): 'local' | 'host' {
    return this.source?.venue.kind ?? 'local';
  }

  async diagnostics(): Promise<DataProviderDiagnostics> {
    return {
      venue: this.venue,
      provider: this.provider.name,
      health: await this.provider.health(),
    };
  }

  /**
   * Validates a load request (symbol, timeframe, mode, dates, start < end) and only then
   * creates the operation; bad input throws a coded error (400) and creates nothing.
   */
  async startLoad(dto: LoadDataDto): Promise<{ operation_id: string; status: OperationStatus }> {
    const params = this.toParams(dto);
    return this.startManagedOperation(DATA_LOAD_OPERATION, params, {
      symbol: params.symbol,
      timeframe: params.timeframe,
      mode: params.mode,
      ...(params.start_ms !== null ? { start_date: new Date(params.start_ms).toISOString() } : {}),
      ...(params.end_ms !== null ? { end_date: new Date(params.end_ms).toISOString() } : {}),
      parameters: { repair: params.repair, venue: this.venue, provider: this.provider.name },
    });
  }

  /** The in-process provider is ours to close, after the operations drained. */
  async onApplicationShutdown(): Promise<void> {
    if (this.source?.venue.kind === 'local') await this.source.provider.close();
    this.source = null;
  }

  private toParams(dto: LoadDataDto): DataLoadParams {
    const symbol = normalizeSymbol(dto.symbol);
    const timeframe = parseTimeframe(dto.timeframe);
    // Checked again here: DataManager may be called without the HTTP DTO validation.
    const mode: string = dto.mode ?? 'tail';
    if (!isLoadMode(mode)) throw new InvalidLoadModeError(mode);
    const startMs = parseOptionalDate(dto.start_date, 'start_date');
    const endMs = parseOptionalDate(dto.end_date, 'end_date');
    if (startMs !== null) assertDateRange(startMs, endMs ?? Date.now());
    return {
      symbol,
      timeframe,
      mode,
      start_ms: startMs,
      end_ms: endMs,
      repair: dto.repair ?? false,
    };
  }
}
