import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { HttpService } from '@nestjs/axios';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { HttpAgent, HttpsAgent } from 'agentkeepalive';
import type { AxiosResponse, CancelTokenSource } from 'axios';
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
import { RetryPolicy } from '../retry/retry-policy';
import { type AttemptFailure, mayRetry, retryAfterOf } from './retryable-failure';
import { fetchHostHealth } from './host-health-check';
import type { AdapterRequest, AdapterRetryEvent } from './adapter-request';
import {
  createPooledHttp,
  decodeBody,
  encodeBody,
  JSON_BODY_HEADERS,
  withQuery,
} from './pooled-http';

type AttemptOutcome = { ok: true; data: unknown } | { ok: false; failure: AttemptFailure };

/** What every attempt of one call sends (built once per call). */
interface PreparedCall {
  method: AdapterRequest['method'];
  url: string;
  data: string | undefined;
  headers: Readonly<Record<string, string>> | undefined;
  signal: AbortSignal | undefined;
}

function prepareCall(req: AdapterRequest): PreparedCall {
  const data = encodeBody(req.body);
  return {
    method: req.method,
    url: withQuery(req.path, req.query),
    data,
    headers: data === undefined ? undefined : JSON_BODY_HEADERS,
    signal: req.signal,
  };
}

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
export abstract class AsyncServiceAdapter implements OnApplicationShutdown {
  protected readonly options: ResolvedAdapterOptions;
  protected readonly logger: Logger;
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly http: HttpService;
  private readonly metrics = new AdapterMetrics();
  private readonly retryPolicy: RetryPolicy;
  /** Cancelled by close(): stops in-flight calls. */
  private readonly lifetime: CancelTokenSource;
  /** Aborted by close(): stops backoff waits. */
  private readonly closed = new AbortController();
  private healthCache: { startedAt: number; result: Promise<HostHealth> } | null = null;

  protected constructor(options: AsyncServiceAdapterOptions) {
    this.options = resolveAdapterOptions(options);
    this.logger = new Logger(`${AsyncServiceAdapter.name}:${this.options.name}`);
    // Every call waiting in a backoff listens to this signal: not a leak.
    setMaxListeners(0, this.closed.signal);
    const pool = createPooledHttp(this.options);
    this.agent = pool.agent;
    this.http = pool.http;
    this.lifetime = pool.lifetime;
    this.retryPolicy = new RetryPolicy(this.options.retry);
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
    this.retryPolicy.recordRequest();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const call = prepareCall(req);
    let attempts = 0;
    try {
      for (;;) {
        attempts += 1;
        const outcome = await this.attempt(call, timeoutMs);
        if (outcome.ok) return outcome.data as T;
        const decision = this.retryPolicy.decide({
          transient: mayRetry(req.method, req.idempotent, outcome.failure),
          attempts,
          retryAfterMs: retryAfterOf(outcome.failure),
          maxAttempts: req.maxAttempts,
        });
        if (!decision.retry) {
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
        await this.backoff(decision.delayMs, req.signal);
      }
    } catch (error) {
      const final = this.finalError(error, req, attempts);
      this.metrics.recordError(final.code);
      throw final;
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
      cancelToken: this.lifetime.token,
      isClosed: () => this.isClosed,
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
    if (this.isClosed) return;
    this.closed.abort(new CancellationError(`adapter ${this.name} closed`));
    this.lifetime.cancel(`adapter ${this.name} closed`);
    this.agent.destroy();
  }

  /**
   * Nest lifecycle: the pool closes in the LAST shutdown phase. Nest 12 runs `onModuleDestroy`,
   * then `beforeApplicationShutdown` (where `ShutdownCoordinator` cancels the operations and
   * waits for them), then closes the HTTP server, then `onApplicationShutdown`. Closing any
   * earlier would cut the calls of operations still draining (`ADAPTER_CLOSED`) instead of
   * letting their tokens cancel them.
   */
  onApplicationShutdown(): void {
    this.close();
  }

  private get isClosed(): boolean {
    return this.closed.signal.aborted;
  }

  /** Waits before a retry; a cancel or `close()` ends the wait at once. */
  private async backoff(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
    const link = linkSignals(signal, this.closed.signal);
    try {
      await sleep(delayMs, link.signal);
    } finally {
      link.dispose();
    }
  }

  private async attempt(call: PreparedCall, timeoutMs: number): Promise<AttemptOutcome> {
    const { signal } = call;
    signal?.throwIfAborted();
    this.closed.signal.throwIfAborted();
    const started = performance.now();
    try {
      // axiosRef (still @nestjs/axios): HttpService's Observable wrapper adds nothing here.
      const response = await this.http.axiosRef.request<string>({
        method: call.method,
        url: call.url,
        data: call.data,
        headers: call.headers,
        signal,
        cancelToken: this.lifetime.token,
        timeout: timeoutMs,
      });
      this.metrics.recordAttempt(performance.now() - started, socketOf(response));
      const ok = response.status >= 200 && response.status < 300;
      if (ok) return { ok: true, data: decodeBody(response) };
      return { ok: false, failure: failureFromResponse(response, decodeBody(response)) };
    } catch (error) {
      if (signal?.aborted || this.isClosed) throw error;
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
    if (this.isClosed) {
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

/**
 * The socket an answer came on. (Node's `req.reusedSocket` is not set for a request that waited
 * in the agent's queue and got a socket freed by another, so reuse is tracked by socket.)
 */
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
