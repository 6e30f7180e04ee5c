import { type BarSeries, emptySeries } from '@ktrdr/market-data';

/** A segment to fetch: [startMs, endMs) in epoch ms UTC. */
export interface SegmentRange {
  startMs: number;
  endMs: number;
}

/** Fetches one segment once; the signal aborts the request. */
export type SegmentFetcher = (
  segment: SegmentRange,
  signal: AbortSignal,
) => Promise<{ bars: BarSeries; source: string }>;

export type DataLoadingJobState =
  'pending' | 'fetching' | 'waiting_retry' | 'fetched' | 'failed' | 'cancelled';

const TRANSITIONS: Record<DataLoadingJobState, readonly DataLoadingJobState[]> = {
  pending: ['fetching', 'cancelled'],
  fetching: ['fetched', 'waiting_retry', 'failed', 'cancelled'],
  waiting_retry: ['fetching', 'cancelled'],
  fetched: [],
  failed: [],
  cancelled: [],
};

/**
 * The fetch of one segment: its state, attempts, bars received and failure. The
 * DataJobManager drives it (when to attempt, retry or give up); the job only performs one
 * attempt at a time and refuses illegal transitions.
 */
export class DataLoadingJob {
  private currentState: DataLoadingJobState = 'pending';
  private attemptsMade = 0;
  private received: { bars: BarSeries; source: string } | null = null;
  private failure: { code: string; message: string } | null = null;
  private startedAt: number | null = null;
  private endedAt: number | null = null;

  constructor(
    /** 0-based position in the plan. */
    readonly index: number,
    readonly segment: SegmentRange,
    /** Bars the trading calendar expects in the segment (for progress). */
    readonly expectedBars: number,
    private readonly fetcher: SegmentFetcher,
  ) {}

  get state(): DataLoadingJobState {
    return this.currentState;
  }

  get attempts(): number {
    return this.attemptsMade;
  }

  /** The bars and their source once `fetched`, else null. */
  get result(): { bars: BarSeries; source: string } | null {
    return this.received;
  }

  get error(): { code: string; message: string } | null {
    return this.failure;
  }

  /** Time from the first attempt to the end, in ms (0 before it ended). */
  get durationMs(): number {
    return this.startedAt !== null && this.endedAt !== null ? this.endedAt - this.startedAt : 0;
  }

  get isFinished(): boolean {
    return TRANSITIONS[this.currentState].length === 0;
  }

  /** One attempt: resolves with the bars (state `fetched`) or rejects (state stays `fetching`). */
  async attempt(signal: AbortSignal): Promise<{ bars: BarSeries; source: string }> {
    this.transition('fetching');
    this.attemptsMade += 1;
    this.startedAt ??= Date.now();
    const received = await this.fetcher(this.segment, signal);
    this.received = received;
    this.transition('fetched');
    return received;
  }

  /**
   * Drops the received bars once they are saved (`result.bars` is empty afterwards; the source
   * stays): a load of millions of bars would otherwise hold them, and their joined copy, until
   * it ends.
   */
  releaseBars(): void {
    if (this.received) this.received = { ...this.received, bars: emptySeries() };
  }

  /** After a transient failure: the manager will try again after a backoff. */
  markWaitingRetry(): void {
    this.transition('waiting_retry');
  }

  /** A permanent failure, or a transient one with no attempts left. */
  markFailed(code: string, message: string): void {
    this.failure = { code, message };
    this.transition('failed');
  }

  markCancelled(): void {
    this.transition('cancelled');
  }

  private transition(next: DataLoadingJobState): void {
    if (!TRANSITIONS[this.currentState].includes(next)) {
      throw new Error(
        `DataLoadingJob ${this.index}: illegal transition ${this.currentState} → ${next}`,
      );
    }
    this.currentState = next;
    if (TRANSITIONS[next].length === 0) this.endedAt = Date.now();
  }
}
