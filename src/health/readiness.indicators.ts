import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { AdapterRegistry, type AsyncServiceAdapter } from '@ktrdr/async-infrastructure';
import { OperationsService } from '@ktrdr/operations';

/** How long one component's check may take before it counts as failed. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;

/** The checks of one `GET /health`, and what the database check read on the way. */
export interface ReadinessChecks {
  indicators: HealthIndicatorFunction[];
  /** Active operations counted by the database check; null until (or unless) it succeeded. */
  activeOperations: () => number | null;
}

/**
 * The components `GET /health` reports (terminus indicators): `database` — the operations
 * store answers a query, through its public API — and `host:<name>` for every host-service
 * adapter. A failing or slow (> {@link HEALTH_CHECK_TIMEOUT_MS}) database is `down` (the API
 * cannot serve: 503). An unreachable host is `degraded`, not `down`: the API still serves
 * operations, cached data and local work, so it stays ready (200, status `degraded`).
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly operations: OperationsService,
    private readonly adapters: AdapterRegistry,
  ) {}

  checks(): ReadinessChecks {
    let active: number | null = null;
    const database: HealthIndicatorFunction = () =>
      this.indicator
        .check('database')
        .attempt(async () => {
          active = await this.operations.countActive();
        })
        .withTimeout(HEALTH_CHECK_TIMEOUT_MS);
    const hosts = this.adapters.list().map((adapter) => () => this.host(adapter));
    return { indicators: [database, ...hosts], activeOperations: () => active };
  }

  private async host(adapter: AsyncServiceAdapter): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(`host:${adapter.statistics().name}`);
    const timeout = new AbortController();
    const health = await Promise.race([
      adapter.health(),
      delay(HEALTH_CHECK_TIMEOUT_MS, null, { signal: timeout.signal }).catch(() => null),
    ]);
    timeout.abort();
    if (health === null) {
      return session.degraded({ message: `timeout of ${HEALTH_CHECK_TIMEOUT_MS}ms exceeded` });
    }
    const data = { http_status: health.status, latency_ms: health.latency_ms };
    if (health.ok) return session.up(data);
    const details = health.details as { message?: unknown } | null | undefined;
    const message =
      typeof details?.message === 'string' ? details.message : `answered ${health.status}`;
    return session.degraded({ ...data, message });
  }
}
