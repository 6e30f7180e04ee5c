import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { HttpService } from '@nestjs/axios';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { HttpAgent, HttpsAgent } from 'agentkeepalive';
import type { AxiosResponse } from 'axios';
import { lastValueFrom } from 'rxjs';
import { CancellationError } from '../cancellation/cancellation-error';
import { sleep } from '../cancellation/cancellable-sleep';
import { HostCallError, HostUnavailableError } from './adapter-errors';
import {
  type AsyncServiceAdapterOptions,
  type ResolvedAdapterOptions,
  resolveAdapterOptions,
} from './adapter-options';
import { AdapterMetrics, type AdapterStatistics, type HostHealth } from './adapter-statistics';
import { failureFromError, failureFromResponse, toHostCallError } from './attempt-failure';
import { linkSignals } from './linked-signal';
import { RetryBudget } from './retry-budget';
import { type AttemptFailure, decideRetry } from './retry-policy';
import { fetchHostHealth } from './host-health-check';
import type { AdapterRequest, AdapterRetryEvent } from './adapter-request';
import { createPooledHttp } from './pooled-http';

type AttemptOutcome = { ok: true; data: unknown } | { ok: false; failure: AttemptFailure };

/**
 * Base of every client of a host service (IbDataAdapter, TrainingAdapter). Each instance owns
 * one keep-alive connection pool (an agentkeepalive agent behind an axios instance wrapped in
 * `HttpService`), retries what is safe to retry with capped, jittered backoff under a retry
 * budget, aborts on the operation's `AbortSignal`, and turns failures into typed errors
 * (`HostUnavailableError`, `HostTimeoutError`, `HostRejectedError`, or `CancellationError`).
 *
 * @example
 * class IbDataAdapter extends AsyncServiceAdapter {
 *   constructor() { super({ name: 'ib-data', baseUrl: 'http://127.0.0.1:5001', maxSockets: 10 }); }
 *   historical(q: HistoricalQuery, signal: AbortSignal): Promise<Bars> {
 *     return this.request({ method: 'POST', path: '/data/historical', body: q, signal, idempotent: true });
 *   }
 * }
 */
export abstract class AsyncServiceAdapter implements OnModuleDestroy {
  protected readonly options: ResolvedAdapterOptions;
  protected readonly logger: Logger;
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly http: HttpService;
  private readonly metrics = new AdapterMetrics();
  private readonly budget: RetryBudget;
  /** Aborted by close(): stops in-flight calls and backoff waits. */
  private readonly lifetime = new AbortController();
  private healthCache: { startedAt: number; result: Promise<HostHealth> } | null = null;

  protected constructor(options: AsyncServiceAdapterOptions) {
    this.options = resolveAdapterOptions(options);
    this.logger = new Logger(`${AsyncServiceAdapter.name}:${this.options.name}`);
    // Every concurrent call listens to the lifetime signal: not a leak.
    setMaxListeners(0, this.lifetime.signal);
    const pool = createPooledHttp(this.options);
    this.agent = pool.agent;
    this.http = pool.http;
    this.budget = new RetryBudget({
      ratio: this.options.retry.budgetRatio,
      floor: this.options.retry.budgetFloor,
    });
  }

  /** The adapter's name (from its options). */
  get name(): string {
    return this.options.name;
  }

  /**
   * Sends one call, retrying what is safe to retry, and resolves with the JSON body of the
   * 2xx answer. Rejects with a `CancellationError` as soon as `req.signal` aborts (the socket
   * is destroyed, so the host sees the client go away), else with a `HostCallError`.
   */
  protected async request<T>(req: AdapterRequest): Promise<T> {
    this.metrics.requests += 1;
    this.budget.recordRequest();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const link = linkSignals(req.signal, this.lifetime.signal);
    let attempts = 0;
    try {
      for (;;) {
        attempts += 1;
        const outcome = await this.attempt(req, link.signal, timeoutMs);
        if (outcome.ok) return outcome.data as T;
        const decision = decideRetry({
          method: req.method,
          idempotent: req.idempotent,
          failure: outcome.failure,
          attempt: attempts,
          policy: this.options.retry,
        });
        if (!decision.retry || !this.budget.tryAcquire()) {
          const info = { adapter: this.name, method: req.method, path: req.path, attempts };
          throw toHostCallError(outcome.failure, info, timeoutMs);
        }
        this.metrics.retries += 1;
        this.logger.debug(
          `${req.method} ${req.path} attempt ${attempts} failed; retrying in ${decision.delayMs} ms`,
        );
        this.notifyRetry(req, {
          attempt: attempts,
          delayMs: decision.delayMs,
          failure: outcome.failure,
        });
        await sleep(decision.delayMs, link.signal);
      }
    } catch (error) {
      const final = this.finalError(error, req, attempts);
      this.metrics.recordError(final.code);
      throw final;
    } finally {
      link.dispose();
    }
  }

  /**
   * GETs the host's health route (no retry, cached for `healthCacheMs`, concurrent callers
   * share one check). Never throws: an unreachable host gives `{ ok: false, status: null }`.
   * Health checks count in `requests` and latency like any call.
   */
  health(): Promise<HostHealth> {
    const now = Date.now();
    if (this.healthCache && now - this.healthCache.startedAt < this.options.healthCacheMs) {
      return this.healthCache.result;
    }
    this.metrics.requests += 1;
    const result = fetchHostHealth(this.http, {
      path: this.options.healthPath,
      timeoutMs: Math.min(this.options.timeoutMs, 5000),
      signal: this.lifetime.signal,
      onAnswer: (latencyMs, response) => this.metrics.recordAttempt(latencyMs, socketOf(response)),
    });
    this.healthCache = { startedAt: now, result };
    return result;
  }

  /** Counters, latency percentiles and the state of the connection pool. */
  statistics(): AdapterStatistics {
    const status = this.agent.getCurrentStatus();
    return {
      name: this.options.name,
      base_url: this.options.baseUrl,
      requests: this.metrics.requests,
      retries: this.metrics.retries,
      errors: this.metrics.errorsByCode(),
      latency_ms: this.metrics.latencyPercentiles(),
      sockets: {
        created: status.createSocketCount,
        reused: this.metrics.reused,
        free: sumCounts(status.freeSockets),
        active: sumCounts(status.sockets),
        max: this.options.maxSockets,
      },
    };
  }

  /** Aborts in-flight calls (they reject with `HostUnavailableError`) and closes every socket. */
  close(): void {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new CancellationError(`adapter ${this.name} closed`));
    this.agent.destroy();
  }

  /** Nest lifecycle: the pool is closed with the module. */
  onModuleDestroy(): void {
    this.close();
  }

  private async attempt(
    req: AdapterRequest,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    signal.throwIfAborted();
    const started = performance.now();
    try {
      const response = await lastValueFrom(
        this.http.request({
          method: req.method,
          url: req.path,
          params: req.query,
          data: req.body,
          signal,
          timeout: timeoutMs,
        }),
      );
      this.metrics.recordAttempt(performance.now() - started, socketOf(response));
      if (response.status >= 200 && response.status < 300) return { ok: true, data: response.data };
      return { ok: false, failure: failureFromResponse(response) };
    } catch (error) {
      if (signal.aborted) throw error;
      return { ok: false, failure: failureFromError(error) };
    }
  }

  private notifyRetry(req: AdapterRequest, event: AdapterRetryEvent): void {
    try {
      req.onRetry?.(event);
    } catch (error) {
      this.logger.warn(`onRetry callback of ${req.method} ${req.path} threw: ${String(error)}`);
    }
  }

  /** What the caller sees: cancellation first, then adapter shutdown, then the typed error. */
  private finalError(
    error: unknown,
    req: AdapterRequest,
    attempts: number,
  ): HostCallError | CancellationError {
    if (req.signal?.aborted) {
      return (
        CancellationError.from(req.signal.reason) ?? new CancellationError(reasonOf(req.signal))
      );
    }
    if (error instanceof HostCallError) return error;
    const info = { adapter: this.name, method: req.method, path: req.path, attempts };
    if (this.lifetime.signal.aborted) {
      return new HostUnavailableError(
        `${this.name}: ${req.method} ${req.path} stopped: the adapter is closed`,
        info,
        undefined,
        'ADAPTER_CLOSED',
        error,
      );
    }
    return toHostCallError(failureFromError(error), info, req.timeoutMs ?? this.options.timeoutMs);
  }
}

/** The socket an answer came on (`ClientRequest.socket`; node's `reusedSocket` misses queued requests). */
function socketOf(response: AxiosResponse): object | null {
  return (response.request as { socket?: object | null } | undefined)?.socket ?? null;
}

function sumCounts(counts: Record<string, unknown>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'cancelled';
}
