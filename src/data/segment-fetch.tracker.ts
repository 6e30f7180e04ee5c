import type { Logger } from '@nestjs/common';
import type { OperationRunContext } from '@ktrdr/async-infrastructure';
import type { DataJobEvents } from './data-job-manager';
import type { DataLoadingJob } from './data-loading-job';

/**
 * Turns the segment jobs' events into progress for the fetch step (items = bars received;
 * the percentage moves with the expected bars of the finished segments, so it reaches the
 * step's end exactly when every segment is done) and into one metrics entry per segment.
 */
export class SegmentFetchTracker {
  private barsFetched = 0;
  private expectedDone = 0;
  private segmentsDone = 0;
  private readonly expectedTotal: number;
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly jobs: readonly DataLoadingJob[],
    private readonly ctx: OperationRunContext,
    base: Record<string, unknown>,
    private readonly logger: Logger,
  ) {
    this.expectedTotal = jobs.reduce((n, job) => n + job.expectedBars, 0);
    ctx.progress.startStep('fetch_segments', {
      items_total: this.expectedTotal,
      context: { ...base, segments_total: jobs.length, segments_done: 0, bars_fetched: 0 },
    });
  }

  readonly events: DataJobEvents = {
    onStart: (job) => {
      this.ctx.progress.update({
        fraction: this.fraction(),
        current_item: `segment ${job.index + 1}/${this.jobs.length}`,
        context: segmentContext(job),
      });
    },
    onSettled: (job) => {
      this.barsFetched += job.result?.bars.t.length ?? 0;
      this.expectedDone += job.expectedBars;
      this.segmentsDone += 1;
      this.ctx.progress.update({
        items_processed: this.barsFetched,
        fraction: this.fraction(),
        context: {
          ...segmentContext(job),
          segments_done: this.segmentsDone,
          bars_fetched: this.barsFetched,
        },
      });
      this.record(job);
    },
  };

  /** Records the segments a cancel interrupted, then waits for every metrics write. */
  async flush(): Promise<void> {
    for (const job of this.jobs) {
      if (job.state === 'cancelled' && job.attempts > 0) this.record(job);
    }
    await Promise.all(this.pending);
  }

  private fraction(): number {
    if (this.expectedTotal > 0) return this.expectedDone / this.expectedTotal;
    return this.jobs.length > 0 ? this.segmentsDone / this.jobs.length : 1;
  }

  private record(job: DataLoadingJob): void {
    const entry: Record<string, unknown> = {
      segment_index: job.index + 1,
      segments_total: this.jobs.length,
      start: new Date(job.segment.startMs).toISOString(),
      end: new Date(job.segment.endMs).toISOString(),
      status: job.state,
      bars: job.result?.bars.t.length ?? 0,
      expected_bars: job.expectedBars,
      attempts: job.attempts,
      duration_ms: job.durationMs,
      ...(job.error ? { error_code: job.error.code, error_message: job.error.message } : {}),
    };
    this.pending.push(
      this.ctx.appendMetrics(entry).catch((error: unknown) => {
        this.logger.warn(`Could not record segment metrics: ${String(error)}`);
      }),
    );
  }
}

function segmentContext(job: DataLoadingJob): Record<string, unknown> {
  return {
    segment_index: job.index + 1,
    segment_start: new Date(job.segment.startMs).toISOString(),
    segment_end: new Date(job.segment.endMs).toISOString(),
  };
}
