import { Controller, Inject, Logger } from '@nestjs/common';
import { HostHealthController, type HostHealthCheck } from '@ktrdr/http-kit';
import type { MarketDataProvider } from '@ktrdr/market-data';
import { HostPacing } from '../market-data/host-pacing';
import { RequestCounters } from '../market-data/request-counters';
import type { DataHostConfig } from '../config/data-host-config';
import { DATA_HOST_CONFIG, MARKET_DATA_PROVIDER } from '../data-host.constants';

/**
 * `GET /health` (public): the provider, its REAL connection state and details (for IB the
 * gateway socket and IB's own pacing budget), the host's pacing budget and request counters.
 * 503 while the provider is down or the host is shutting down.
 *
 * Shutdown, in this order: `/health` answers 503 `draining` (clients stop sending work), the
 * provider calls in flight get up to `DATA_HOST_SHUTDOWN_GRACE_MS` to finish, then Nest closes
 * the server (connections still open are cut: their requests abort and the provider cancels
 * them upstream), and only then is the provider closed (`ProviderLifecycle`). Both steps sit
 * in this one hook so the 503 is guaranteed to come before the wait, whatever order Nest
 * calls the providers' hooks in.
 */
@Controller('health')
export class DataHealthController extends HostHealthController {
  private readonly startedAt = Date.now();
  private readonly logger = new Logger('DataHost');

  constructor(
    @Inject(DATA_HOST_CONFIG) private readonly config: DataHostConfig,
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

  /** 503 `draining` from now on, then waits for the provider calls in flight (see above). */
  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    const graceMs = this.config.shutdownGraceMs;
    if (!(await this.counters.whenIdle(graceMs))) {
      const { requests_in_flight } = this.counters.snapshot();
      this.logger.warn(
        `Shutdown grace of ${graceMs} ms ran out with ${requests_in_flight} request(s) in flight: aborting them`,
      );
    }
  }
}
