import { Injectable } from '@nestjs/common';

/** What {@link RequestCounters.snapshot} reports in `GET /health`. */
export interface RequestCountersSnapshot {
  /** Provider calls started (requests that passed validation and pacing). */
  readonly requests_total: number;
  /** Provider calls not finished yet. */
  readonly requests_in_flight: number;
  /** Provider calls stopped because the client went away (the upstream request was cancelled). */
  readonly requests_cancelled: number;
  /** Provider calls that failed otherwise. */
  readonly requests_failed: number;
  /** Requests refused by the host's pacing (429), never sent to the provider. */
  readonly requests_paced: number;
}

/**
 * Counts the host's provider calls, so `GET /health` shows what the host did — in particular
 * that a client's abort reached it and cancelled the upstream request.
 */
@Injectable()
export class RequestCounters {
  private total = 0;
  private inFlight = 0;
  private cancelled = 0;
  private failed = 0;
  private paced = 0;
  private idleWaiters: (() => void)[] = [];

  /** Runs one provider call, counting it; a failure after the signal aborted is a cancel. */
  async track<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    this.total += 1;
    this.inFlight += 1;
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) this.cancelled += 1;
      else this.failed += 1;
      throw error;
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /**
   * Resolves true once no provider call is in flight (at once if none is), or false when
   * `timeoutMs` passed first (shutdown's grace).
   */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(wake);
    });
  }

  /** Counts a request the host's pacing refused. */
  recordPaced(): void {
    this.paced += 1;
  }

  snapshot(): RequestCountersSnapshot {
    return {
      requests_total: this.total,
      requests_in_flight: this.inFlight,
      requests_cancelled: this.cancelled,
      requests_failed: this.failed,
      requests_paced: this.paced,
    };
  }
}
