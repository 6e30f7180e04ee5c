import { Controller, Inject } from '@nestjs/common';
import { HostHealthController, type HostHealthCheck } from '@ktrdr/http-kit';
import type { MarketDataProvider } from '@ktrdr/market-data';
import { HostPacing } from '../market-data/host-pacing';
import { RequestCounters } from '../market-data/request-counters';
import { MARKET_DATA_PROVIDER } from '../data-host.constants';

/**
 * `GET /health` (public): the provider, its REAL connection state and details (for IB the
 * gateway socket and IB's own pacing budget), the host's pacing budget and request counters.
 * 503 while the provider is down or the host is shutting down.
 */
@Controller('health')
export class DataHealthController extends HostHealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly pacing: HostPacing,
    private readonly counters: RequestCounters,
  ) {
    super();
  }

  protected async check(): Promise<HostHealthCheck> {
    const health = await this.provider.health();
    return {
      healthy: health.connected,
      details: {
        service: 'data-host',
        provider: health.provider,
        connected: health.connected,
        provider_details: health.details,
        pacing: this.pacing.status(),
        ...this.counters.snapshot(),
        max_concurrent_requests: this.provider.maxConcurrentRequests,
        uptime_s: Math.round((Date.now() - this.startedAt) / 1000),
      },
    };
  }
}
