import { type BeforeApplicationShutdown, Get, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ApiOkResponse, ApiServiceUnavailableResponse, type SchemaObject } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';

/** What a host's health check reports about its provider. */
export interface HostHealthCheck {
  /** False when the provider (broker gateway, GPU) cannot serve: the route answers 503. */
  healthy: boolean;
  /** Merged into the answer: provider name, connection state, pacing budget… */
  details?: Record<string, unknown>;
}

/** The body of `GET /health`. */
export type HostHealthBody = {
  status: 'ok' | 'unavailable' | 'draining';
  checked_at: string;
} & Record<string, unknown>;

/** OpenAPI schema of {@link HostHealthBody}: the status, the time, the host's own details. */
const HOST_HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'checked_at'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable', 'draining'] },
    checked_at: { type: 'string', format: 'date-time' },
  },
  additionalProperties: { description: "The host's details: provider, connection, budgets…" },
};

/**
 * Base of a host's health controller: `GET /health`, public (no API key), 200 when
 * {@link HostHealthController.check} says healthy, 503 when the provider is down, and 503
 * `draining` once the app is shutting down. A check that throws counts as down.
 *
 * @example
 * \@Controller('health')
 * export class DataHealthController extends HostHealthController {
 *   constructor(private readonly provider: MarketDataProvider) { super(); }
 *   protected async check() {
 *     const h = await this.provider.health();
 *     return { healthy: h.connected, details: { provider: h.provider, connected: h.connected } };
 *   }
 * }
 */
export abstract class HostHealthController implements BeforeApplicationShutdown {
  private draining = false;

  /** Reports the provider's state; keep it cheap (it is polled). */
  protected abstract check(): Promise<HostHealthCheck> | HostHealthCheck;

  @Get()
  @Public()
  @ApiOkResponse({ description: 'The provider can serve', schema: HOST_HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: '`unavailable`: the provider is down; `draining`: the host is shutting down',
    schema: HOST_HEALTH_SCHEMA,
  })
  async health(@Res({ passthrough: true }) res: ServerResponse): Promise<HostHealthBody> {
    const checked_at = new Date().toISOString();
    if (this.draining) {
      res.statusCode = 503;
      return { status: 'draining', checked_at };
    }
    let result: HostHealthCheck;
    try {
      result = await this.check();
    } catch (error) {
      result = { healthy: false, details: { error: (error as Error)?.message ?? String(error) } };
    }
    res.statusCode = result.healthy ? 200 : 503;
    return { ...result.details, status: result.healthy ? 'ok' : 'unavailable', checked_at };
  }

  /** Nest lifecycle: from here on the host answers 503 so clients stop sending work. */
  /** Subclasses may wait here for their work in flight (after calling `super`); Nest awaits it. */
  beforeApplicationShutdown(): void | Promise<void> {
    this.draining = true;
  }
}
