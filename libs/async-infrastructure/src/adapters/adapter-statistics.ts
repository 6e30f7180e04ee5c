import { type LatencyPercentiles, LatencyReservoir } from './latency-reservoir';

/** State of an adapter's connection pool. */
export interface SocketStatistics {
  /** Sockets opened since the adapter was created. */
  created: number;
  /** Attempts sent on an already open (pooled) socket. */
  reused: number;
  /** Idle sockets kept open in the pool now. */
  free: number;
  /** Sockets carrying a request now. */
  active: number;
  /** The pool's `maxSockets`. */
  max: number;
}

/** What `AsyncServiceAdapter.statistics()` returns (the API's diagnostics route shows it). */
export interface AdapterStatistics {
  name: string;
  base_url: string;
  /** Calls made (one per `request()`, whatever the number of attempts). */
  requests: number;
  /** Extra attempts made by retries. */
  retries: number;
  /** Calls that ended in error, by error code (`HOST_UNAVAILABLE`, `CANCELLED`…). */
  errors: Record<string, number>;
  /** Per-attempt latency of answered attempts, over the most recent samples. */
  latency_ms: LatencyPercentiles;
  sockets: SocketStatistics;
}

/** A host's health as an adapter saw it; `health()` never throws. */
export interface HostHealth {
  ok: boolean;
  /** HTTP status of the health answer; null when the host could not be reached. */
  status: number | null;
  latency_ms: number;
  /** ISO-8601 time of the check. */
  checked_at: string;
  /** The host's health body, or `{ code, message }` of the failure. */
  details: unknown;
}

/** Counters behind {@link AdapterStatistics} (sockets excepted: those come from the agent). */
export class AdapterMetrics {
  requests = 0;
  retries = 0;
  reused = 0;
  private readonly errors = new Map<string, number>();
  private readonly latency = new LatencyReservoir(1024);
  /** Sockets that already served an attempt (weak: closed sockets are collected). */
  private readonly seenSockets = new WeakSet<object>();

  /** An answered attempt: its latency, and the socket it was served on (when known). */
  recordAttempt(latencyMs: number, socket: object | null | undefined): void {
    this.latency.record(latencyMs);
    if (!socket) return;
    if (this.seenSockets.has(socket)) this.reused += 1;
    else this.seenSockets.add(socket);
  }

  recordError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  errorsByCode(): Record<string, number> {
    return Object.fromEntries(this.errors);
  }

  latencyPercentiles(): LatencyPercentiles {
    return this.latency.percentiles();
  }
}
