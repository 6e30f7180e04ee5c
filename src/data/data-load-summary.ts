import {
  type CsvRange,
  type DataLoadResult,
  type FailedSegment,
  type ValidationSummary,
} from '@ktrdr/market-data';
import type { DataJobRunSummary } from './data-job-manager';
import type { DataLoadParams } from './data-load.types';
import type { LoadPlan } from './load-planner';

const SYNTHETIC_WARNING =
  'synthetic data: generated bars for development and tests, not market data';

/**
 * Collects the numbers of one load as its steps run, and builds the result summary (or
 * the partial summary of a cancelled load) from what really happened.
 */
export class DataLoadSummary {
  source: string | null = null;
  headMs: number | null = null;
  barsBefore = 0;
  barsFetched = 0;
  barsInRange = 0;
  requestsMade = 0;
  retries = 0;
  segmentsPlanned = 0;
  segmentsFetched = 0;
  failedSegments: FailedSegment[] = [];
  validation: ValidationSummary | null = null;
  private plan: LoadPlan | null = null;
  /** The stored series' range after the save (undefined: not saved yet; null: no bars). */
  private stored: CsvRange | null | undefined = undefined;
  private readonly warnings: string[] = [];

  constructor(
    private readonly params: DataLoadParams,
    private readonly venue: 'local' | 'host',
    private readonly startedAt: number,
  ) {}

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  applyPlan(plan: LoadPlan): void {
    this.plan = plan;
    for (const warning of plan.warnings) this.warn(warning);
  }

  /** The range of the series the cache holds after the load (bars_after, first_bar, last_bar). */
  setStored(range: CsvRange | null): void {
    this.stored = range;
  }

  applyFetch(run: DataJobRunSummary): void {
    this.requestsMade += run.requests;
    this.retries += run.retries;
    this.segmentsFetched = run.fetched.length;
    this.barsFetched = run.fetched.reduce((n, job) => n + (job.result?.bars.t.length ?? 0), 0);
    this.source = run.fetched.find((job) => job.result)?.result?.source ?? this.source;
    this.failedSegments = run.failed.map((job) => ({
      segment_index: job.index + 1,
      start: iso(job.segment.startMs),
      end: iso(job.segment.endMs),
      code: job.error?.code ?? 'FETCH_FAILED',
      message: job.error?.message ?? 'unknown failure',
      attempts: job.attempts,
    }));
    for (const failed of this.failedSegments) {
      this.warn(
        `segment ${failed.segment_index}/${this.segmentsPlanned} ${failed.start}→${failed.end} ` +
          `failed: ${failed.code}: ${failed.message}`,
      );
    }
  }

  build(nowMs: number, cancelled = false): DataLoadResult {
    const { symbol, timeframe, mode } = this.params;
    const source = this.source ?? (mode === 'local' ? 'cache' : 'unknown');
    if (source === 'synthetic') this.warn(SYNTHETIC_WARNING);
    const { stored } = this;
    const plan = this.plan;
    return {
      symbol,
      timeframe,
      mode,
      source,
      venue: this.venue,
      start: plan?.startMs != null ? iso(plan.startMs) : isoOrNull(this.params.start_ms),
      end: iso(plan?.endMs ?? this.params.end_ms ?? nowMs),
      head_timestamp: isoOrNull(this.headMs),
      start_clamped: plan?.startClamped
        ? {
            requested: iso(plan.startClamped.requestedMs),
            clamped_to: iso(plan.startClamped.clampedToMs),
          }
        : null,
      bars_before: this.barsBefore,
      bars_after: stored === undefined ? this.barsBefore : (stored?.count ?? 0),
      bars_fetched: this.barsFetched,
      bars_in_range: this.barsInRange,
      gaps_found: plan?.missingSessionRuns ?? 0,
      segments_planned: this.segmentsPlanned,
      segments_fetched: this.segmentsFetched,
      segments_failed: this.failedSegments.length,
      failed_segments: this.failedSegments,
      requests_made: this.requestsMade,
      retries: this.retries,
      first_bar: isoOrNull(stored?.first ?? null),
      last_bar: isoOrNull(stored?.last ?? null),
      validation: this.validation,
      warnings: [...this.warnings],
      duration_ms: Math.max(0, nowMs - this.startedAt),
      cancelled,
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
