import {
  CancellationError,
  EventLoopYielder,
  RetryPolicy,
  sleep,
} from '@ktrdr/async-infrastructure';
import { isTransient } from '@ktrdr/market-data';
import type { DataLoadingJob } from './data-loading-job';

export interface DataJobManagerOptions {
  /** Segments in flight at once: the provider's maxConcurrentRequests. */
  concurrency: number;
  /** Attempts per segment, the first included. Default 4. */
  maxAttempts?: number;
  /**
   * Pacing refusals (PACING_VIOLATION: the request was not sent) a segment may wait out on top
   * of `maxAttempts`. Default 20: under a tight pacing budget a segment is slow, not broken.
   */
  maxPacingWaits?: number;
  /** Base of the exponential backoff with full jitter. Default 250 ms. */
  baseDelayMs?: number;
  /**
   * Cap of the computed backoff. Default 10 s. A provider's retry-after is waited as asked, up
   * to the process's one cap (`RETRY_AFTER_MAX_MS`).
   */
  maxDelayMs?: number;
  /**
   * Retry budget of the load: backoff retries at most this share of its segments, plus
   * `budgetFloor`. Defaults 0.2 and 10 (as the adapters). Pacing waits are not charged.
   */
  budgetRatio?: number;
  budgetFloor?: number;
  /** Injected for tests; Math.random by default. */
  random?: () => number;
}

export interface DataJobEvents {
  onStart?(job: DataLoadingJob): void;
  /** Called once per job when it ends `fetched` or `failed` (not on cancel). */
  onSettled?(job: DataLoadingJob): void;
}

export interface DataJobRunSummary {
  fetched: DataLoadingJob[];
  failed: DataLoadingJob[];
  /** True when the signal aborted before every job ended. */
  cancelled: boolean;
  /** Fetch attempts made (each one a provider request). */
  requests: number;
  /** Attempts beyond the first of each job. */
  retries: number;
}

/**
 * Runs the segment jobs of one load: up to `concurrency` in flight, the signal checked
 * before each segment and passed to every fetch and backoff sleep, transient failures
 * retried under the process's one {@link RetryPolicy} (full-jitter backoff, or the provider's
 * retry-after when longer, up to its cap; a retry budget per load), permanent ones recorded. On cancel it stops starting segments, lets the in-flight ones
 * abort, and resolves with what was received (it never throws for a cancel).
 */
export class DataJobManager {
  private readonly maxPacingWaits: number;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly options: DataJobManagerOptions) {
    this.maxPacingWaits = options.maxPacingWaits ?? 20;
    this.retryPolicy = new RetryPolicy(
      {
        maxAttempts: options.maxAttempts ?? 4,
        baseDelayMs: options.baseDelayMs ?? 250,
        maxDelayMs: options.maxDelayMs ?? 10_000,
        budgetRatio: options.budgetRatio ?? 0.2,
        budgetFloor: options.budgetFloor ?? 10,
      },
      { random: options.random },
    );
  }

  async run(
    jobs: readonly DataLoadingJob[],
    signal: AbortSignal,
    events: DataJobEvents = {},
  ): Promise<DataJobRunSummary> {
    const summary: DataJobRunSummary = {
      fetched: [],
      failed: [],
      cancelled: false,
      requests: 0,
      retries: 0,
    };
    let next = 0;
    // A provider that answers without I/O (the in-process synthetic one) resolves every fetch
    // at once: without this, thousands of segments would run as one task of the event loop.
    const yielder = new EventLoopYielder();
    const worker = async (): Promise<void> => {
      while (next < jobs.length && !signal.aborted) {
        await yielder.yieldIfDue();
        const job = jobs[next++];
        if (job) await this.runJob(job, signal, summary, events);
      }
    };
    const workers = Math.max(1, Math.min(this.options.concurrency, jobs.length));
    await Promise.all(Array.from({ length: workers }, worker));
    for (const job of jobs) {
      if (job.state === 'pending') job.markCancelled();
    }
    summary.cancelled = jobs.some((job) => job.state === 'cancelled');
    summary.fetched.sort((a, b) => a.index - b.index);
    summary.failed.sort((a, b) => a.index - b.index);
    return summary;
  }

  private async runJob(
    job: DataLoadingJob,
    signal: AbortSignal,
    summary: DataJobRunSummary,
    events: DataJobEvents,
  ): Promise<void> {
    events.onStart?.(job);
    this.retryPolicy.recordRequest();
    let pacingWaits = 0;
    for (;;) {
      if (signal.aborted) return job.markCancelled();
      if (job.attempts > 0) summary.retries += 1;
      summary.requests += 1;
      try {
        await job.attempt(signal);
        summary.fetched.push(job);
        events.onSettled?.(job);
        return;
      } catch (error) {
        if (signal.aborted || CancellationError.is(error)) return job.markCancelled();
        const { code, message } = describe(error);
        const paced = code === 'PACING_VIOLATION' && pacingWaits < this.maxPacingWaits;
        if (paced) pacingWaits += 1;
        const decision = this.retryPolicy.decide({
          transient: isTransient(error),
          // A pacing refusal was not sent upstream: it does not use up an attempt.
          attempts: job.attempts - pacingWaits,
          retryAfterMs: retryAfterMs(error),
        });
        if (!decision.retry) {
          job.markFailed(
            code,
            job.attempts > 1 ? `${message} (after ${job.attempts} attempts)` : message,
          );
          summary.failed.push(job);
          events.onSettled?.(job);
          return;
        }
        job.markWaitingRetry();
        try {
          await sleep(decision.delayMs, signal);
        } catch {
          return job.markCancelled();
        }
      }
    }
  }
}

function describe(error: unknown): { code: string; message: string } {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'FETCH_FAILED';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}

function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
