import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { AdapterRegistry, type AsyncServiceAdapter } from '@ktrdr/async-infrastructure';
import { AppError } from '@ktrdr/http-kit';
import { OperationsService, QueuedExecutionProbe } from '@ktrdr/operations';

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
 * store answers a query, through its public API (down with the error's code, e.g.
 * `DATABASE_UNAVAILABLE`, while it is away) — `storage` — writes land (down with
 * `STORAGE_FULL` while operation ends are held in memory) — in queued mode `redis` (degraded while
 * away), `queues` (depth per operation type) and `workers` (seen through their leases) — and
 * `host:<name>` for every host-service
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
    private readonly queued: QueuedExecutionProbe,
  ) {}

  checks(): ReadinessChecks {
    let active: number | null = null;
    const database: HealthIndicatorFunction = async () => {
      active = null;
      const session = this.indicator.check('database');
      const started = performance.now();
      const timeout = new AbortController();
      try {
        active = await Promise.race([
          this.operations.countActive(),
          delay(HEALTH_CHECK_TIMEOUT_MS, null, { signal: timeout.signal }).then(() => {
            throw new Error(`timeout of ${HEALTH_CHECK_TIMEOUT_MS}ms exceeded`);
          }),
        ]);
        return session.up({ responseTime: Math.round(performance.now() - started) });
      } catch (error) {
        return session.down({
          ...(error instanceof AppError && { code: error.code }),
          message: error instanceof Error ? error.message : String(error),
        });
      } finally {
        timeout.abort();
      }
    };
    const hosts = this.adapters.list().map((adapter) => () => this.host(adapter));
    const queued = this.queued.queued
      ? [() => this.redis(), () => this.queues(), () => this.workers()]
      : [];
    return {
      indicators: [database, () => this.storage(), ...queued, ...hosts],
      activeOperations: () => active,
    };
  }

  /** Writes that fail (a full disk): operation ends are held in memory until they land. */
  private storage(): HealthIndicatorResult {
    const session = this.indicator.check('storage');
    const problem = this.operations.storageProblem();
    if (problem === null) return session.up();
    const held = problem.pending_ends;
    return session.down({
      code: problem.code,
      message:
        held === 0
          ? problem.message
          : `${problem.message} (${held} operation end(s) held in memory until they can be written)`,
      since: problem.since,
    });
  }

  /**
   * Queued mode: Redis answers this process. Away, the API still serves reads and streams (new
   * work gets 503 QUEUE_UNAVAILABLE), so `degraded`, not `down`.
   */
  private async redis(): Promise<HealthIndicatorResult> {
    const session = this.indicator.check('redis');
    try {
      const responseTime = await withTimeout(this.queued.pingRedis());
      return session.up({ responseTime, ...this.queued.relayState() });
    } catch (error) {
      return session.degraded({ message: messageOf(error), ...this.queued.relayState() });
    }
  }

  /** Queued mode: jobs per operation type's queue (waiting, active, delayed, failed). */
  private async queues(): Promise<HealthIndicatorResult> {
    const session = this.indicator.check('queues');
    try {
      const depths = await withTimeout(this.queued.queueDepths());
      if (depths === null) return session.degraded({ message: 'Redis is not reachable' });
      return session.up({ depths });
    } catch (error) {
      return session.degraded({ message: messageOf(error) });
    }
  }

  /** Queued mode: the workers holding an unexpired lease (an idle worker holds none). */
  private async workers(): Promise<HealthIndicatorResult> {
    const session = this.indicator.check('workers');
    try {
      const seen = await withTimeout(this.queued.workersSeen());
      return session.up({ seen: seen.map((worker) => worker.worker_id) });
    } catch (error) {
      return session.degraded({ message: messageOf(error) });
    }
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

/** `work`, or a rejection once {@link HEALTH_CHECK_TIMEOUT_MS} passed. */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      work,
      delay(HEALTH_CHECK_TIMEOUT_MS, null, { signal: timeout.signal }).then((): never => {
        throw new Error(`timeout of ${HEALTH_CHECK_TIMEOUT_MS}ms exceeded`);
      }),
    ]);
  } finally {
    timeout.abort();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
