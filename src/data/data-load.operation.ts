import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  CancellationError,
  type CancellationToken,
  EventLoopYielder,
  type OperationRunContext,
  ProgressPlan,
  runStepsYielding,
} from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from '@ktrdr/operations';
import {
  type BarSeries,
  BeforeHeadTimestampError,
  calendarFor,
  concatSeriesSteps,
  type CsvBarStore,
  type CsvRange,
  type DataLoadResult,
  emptySeries,
  IB_MAX_SPAN_MS,
  mergeBars,
  SeriesNotFoundError,
  SeriesParts,
  planSegments,
  type TradingCalendar,
} from '@ktrdr/market-data';
import { DataJobManager, type DataJobRunSummary } from './data-job-manager';
import { DATA_LOAD_OPERATION, DATA_LOAD_STEPS, type DataLoadParams } from './data-load.types';
import { DataLoadSummary } from './data-load-summary';
import { BAR_STORE, DATA_LOAD_TUNING, type DataLoadTuning } from './data.constants';
import { AllSegmentsFailedError } from './data.errors';
import { DataLoadingJob } from './data-loading-job';
import { DataProgressRenderer } from './data-progress.renderer';
import { type LoadPlan, planLoad } from './load-planner';
import { MarketDataSource } from './market-data-source';
import { SegmentFetchTracker } from './segment-fetch.tracker';
import { validationSummary, windowValidationSummary } from './validation-summary';

/**
 * The `data_load` operation: the seven steps of data.md ("Flow and progress") over the
 * provider the DataManager chose. A cancel is checked between steps, before each segment and
 * during each fetch (the signal goes with every request); bars already received are merged
 * and saved before the operation ends `cancelled` with the partial summary. Memory grows with
 * the window loaded, never with the series already cached: the cache is known by its range,
 * read only around the ranges searched for gaps, merged as a stream, validated in the window.
 */
@Injectable()
@OperationHandler(DATA_LOAD_OPERATION)
export class DataLoadOperation implements OperationHandlerInstance<DataLoadParams, DataLoadResult> {
  readonly renderer = new DataProgressRenderer();
  private readonly logger = new Logger(DataLoadOperation.name);

  constructor(
    private readonly source: MarketDataSource,
    @Inject(BAR_STORE) private readonly store: CsvBarStore,
    @Optional() @Inject(DATA_LOAD_TUNING) private readonly tuning: DataLoadTuning | null = null,
  ) {}

  private now(): number {
    return this.tuning?.now?.() ?? Date.now();
  }

  async run(params: DataLoadParams, ctx: OperationRunContext): Promise<DataLoadResult> {
    const { token, progress } = ctx;
    const summary = new DataLoadSummary(params, this.source.venue, this.now());
    const calendar = calendarFor(params.symbol);
    const base = { symbol: params.symbol, timeframe: params.timeframe, mode: params.mode };
    const cancelled = (): CancellationError =>
      new CancellationError(token.reason ?? 'cancelled', {
        partialResult: summary.build(this.now(), true),
      });
    // Loads of one timeframe and mode go alike (any symbol): the ETA learns from the earlier ones.
    progress.setPlan(
      ProgressPlan.fromRanges([...DATA_LOAD_STEPS]),
      `data load ${params.timeframe} ${params.mode}`,
    );

    let prepared: { cached: CsvRange | null; plan: LoadPlan; jobs: DataLoadingJob[] };
    try {
      prepared = await this.prepare(params, ctx, summary, calendar, base);
    } catch (error) {
      if (token.isCancelled) throw cancelled();
      throw error;
    }
    const { cached, plan, jobs } = prepared;

    // Step 5; a cancel here ends the fetches but still lets step 6 save what arrived.
    const run = await this.fetch(jobs, ctx, base);
    summary.applyFetch(run);

    progress.startStep('merge_save', { context: base });
    const validate = (series: BarSeries): Promise<ValidationOutcome> =>
      validationSummary(series, { calendar, params, plan, nowMs: this.now() });
    // A repair is applied in the same locked read-merge-write as the fetched bars (a separate
    // write would overwrite bars another load or import merged in between); not on a cancel.
    const repair = params.repair && params.mode !== 'local' && !run.cancelled && !token.isCancelled;
    let saved: SavedSeries;
    try {
      saved = await this.mergeAndSave(params, cached, plan, run, repair ? validate : null, token);
    } catch (error) {
      if (!token.isCancelled) throw error;
      summary.warn('cancelled while waiting for the series to be free: fetched bars not saved');
      throw cancelled();
    }
    summary.setStored(saved.range);
    if (run.cancelled || token.isCancelled) throw cancelled();
    if (jobs.length > 0 && run.fetched.length === 0) {
      throw new AllSegmentsFailedError(summary.failedSegments);
    }

    progress.startStep('validate_bars', { context: base });
    if (saved.validation) {
      summary.validation = saved.validation.summary;
    } else {
      const pages = this.windowPages(params, saved.window, (n) => {
        if (params.mode === 'local') summary.barsInRange += n;
      });
      summary.validation = await windowValidationSummary(pages, {
        calendar,
        params,
        plan,
        nowMs: this.now(),
      });
    }
    return summary.build(this.now());
  }

  /** Steps 1–4: head timestamp, cache, gaps, segments. Checks the token after each. */
  private async prepare(
    params: DataLoadParams,
    { token, progress }: OperationRunContext,
    summary: DataLoadSummary,
    calendar: TradingCalendar,
    base: Record<string, unknown>,
  ): Promise<{ cached: CsvRange | null; plan: LoadPlan; jobs: DataLoadingJob[] }> {
    const { symbol, timeframe, mode } = params;
    progress.startStep('validate_symbol', { context: base });
    if (mode !== 'local') summary.headMs = await this.headTimestamp(params, token.signal, summary);
    token.throwIfCancelled();
    // The head is only known now (it may take a host round trip), so a window that ends
    // before it fails the operation rather than the request; nothing has been fetched yet.
    const endMs = params.end_ms ?? this.now();
    if (summary.headMs !== null && endMs < summary.headMs) {
      throw new BeforeHeadTimestampError(symbol, summary.headMs, endMs);
    }

    progress.startStep('read_cache', { context: base });
    // The range only (first, last, count): the bars are read where the plan needs them.
    const cached = await this.store.range(symbol, timeframe);
    summary.barsBefore = cached?.count ?? 0;
    token.throwIfCancelled();

    progress.startStep('find_gaps', { context: base });
    const plan = await planLoad({
      mode,
      timeframe,
      calendar,
      cached: cached && {
        first: cached.first,
        last: cached.last,
        between: (startMs, endMs) => this.store.timestamps(symbol, timeframe, { startMs, endMs }),
      },
      startMs: params.start_ms,
      endMs,
      headMs: summary.headMs,
      nowMs: this.now(),
    });
    summary.applyPlan(plan);
    progress.update({ fraction: 1, context: { gaps_found: plan.missingSessionRuns } });
    token.throwIfCancelled();

    progress.startStep('plan_segments', { context: base });
    const { provider } = this.source;
    const segments = planSegments(plan.gaps, timeframe, IB_MAX_SPAN_MS[timeframe], calendar);
    // Thousands of segments of 1m bars: counting their bars must not stall the event loop.
    const yielder = new EventLoopYielder();
    const jobs: DataLoadingJob[] = [];
    for (const [i, segment] of segments.entries()) {
      await yielder.yieldIfDue();
      jobs.push(
        new DataLoadingJob(i, segment, expectedBars(calendar, params, segment), (s, signal) =>
          // Segments are [start, end); the provider's range is closed.
          provider.fetchHistorical({
            symbol,
            timeframe,
            startMs: s.startMs,
            endMs: s.endMs - 1,
            signal,
          }),
        ),
      );
    }
    summary.segmentsPlanned = jobs.length;
    if (mode !== 'local' && jobs.length === 0) {
      summary.warn('nothing missing in the range: no fetch needed');
    }
    token.throwIfCancelled();
    return { cached, plan, jobs };
  }

  private async headTimestamp(
    params: DataLoadParams,
    signal: AbortSignal,
    summary: DataLoadSummary,
  ): Promise<number | null> {
    const { provider } = this.source;
    summary.requestsMade += 1;
    const validation = await provider.validateSymbol(params.symbol, [params.timeframe], signal);
    summary.source = validation.source;
    const head = validation.head_timestamps[params.timeframe];
    if (head === null) return null;
    if (head !== undefined) return Date.parse(head);
    summary.requestsMade += 1;
    return provider.headTimestamp(params.symbol, params.timeframe, signal);
  }

  /** The cached bars in the load's window, page by page (none without a window or a file). */
  private async *windowPages(
    params: DataLoadParams,
    window: LoadWindow | null,
    onPage: (bars: number) => void,
  ): AsyncGenerator<BarSeries> {
    if (!window) return;
    try {
      for await (const page of this.store.pages(params.symbol, params.timeframe, window)) {
        onPage(page.t.length);
        yield page;
      }
    } catch (error) {
      if (!(error instanceof SeriesNotFoundError)) throw error;
    }
  }

  private async fetch(
    jobs: DataLoadingJob[],
    ctx: OperationRunContext,
    base: Record<string, unknown>,
  ): Promise<DataJobRunSummary> {
    const tracker = new SegmentFetchTracker(jobs, ctx, base, this.logger);
    const manager = new DataJobManager({
      concurrency: this.source.provider.maxConcurrentRequests,
      maxAttempts: this.tuning?.maxAttempts,
      baseDelayMs: this.tuning?.baseDelayMs,
      maxDelayMs: this.tuning?.maxDelayMs,
    });
    const run = await manager.run(jobs, ctx.token.signal, tracker.events);
    await tracker.flush();
    return run;
  }

  /**
   * Merges the fetched segments' bars into the stored series as a stream, segment after
   * segment, without joining them (neither the cache file nor the fetched bars are ever copied
   * whole). With `repair`, the load's window is read, merged, validated and repaired, and
   * replaces that window of the file, in one atomic read-modify-write under the store's
   * per-series lock: bars a concurrent load or import of the same series merged meanwhile are
   * not lost. Returns the stored range afterwards, the load's window and, when repairing, the
   * window's validation.
   */
  private async mergeAndSave(
    params: DataLoadParams,
    cached: CsvRange | null,
    plan: LoadPlan,
    run: DataJobRunSummary,
    repair: ((series: BarSeries) => Promise<ValidationOutcome>) | null,
    token: CancellationToken,
  ): Promise<SavedSeries> {
    try {
      return await this.save(params, cached, plan, run, repair, token);
    } finally {
      // Saved: the segments' bars are no longer needed (millions of bars for a long load).
      for (const job of run.fetched) job.releaseBars();
    }
  }

  private async save(
    params: DataLoadParams,
    cached: CsvRange | null,
    plan: LoadPlan,
    run: DataJobRunSummary,
    repair: ((series: BarSeries) => Promise<ValidationOutcome>) | null,
    token: CancellationToken,
  ): Promise<SavedSeries> {
    const { symbol, timeframe } = params;
    const fetched = SeriesParts.of(run.fetched.map((job) => job.result?.bars ?? emptySeries()));
    const window = loadedWindow(plan, cached, fetched);
    if (fetched.length === 0 && (!repair || !window)) {
      return { range: cached, window, validation: null };
    }
    const graceMs = this.tuning?.saveAfterCancelMs ?? SAVE_AFTER_CANCEL_MS;
    if (!repair || !window) {
      const range = await withSaveDeadline(token, graceMs, (signal) =>
        this.store.merge(symbol, timeframe, fetched, { signal }),
      );
      return { range, window, validation: null };
    }
    // A repair works on the window as one series: the fetched bars are joined for it.
    const joined = await runStepsYielding(concatSeriesSteps(fetched.parts));
    let validation: ValidationOutcome | null = null;
    const range = await withSaveDeadline(token, graceMs, (signal) =>
      this.store.update(
        symbol,
        timeframe,
        async (current) => {
          const merged = joined.t.length > 0 ? mergeBars(current, joined) : current;
          const outcome = await repair(merged);
          validation = outcome;
          if (outcome.repaired) return outcome.repaired;
          return merged === current ? null : merged;
        },
        window,
        { signal },
      ),
    );
    return { range, window, validation };
  }
}

/** The window of bars a load covers: validated, and replaced when repaired. */
interface LoadWindow {
  startMs: number;
  endMs: number;
}

/**
 * The plan's range (a `local` read without a start: from the first cached bar), widened to
 * every fetched bar; null when there is nothing in it to read.
 */
function loadedWindow(
  plan: LoadPlan,
  cached: CsvRange | null,
  fetched: SeriesParts,
): LoadWindow | null {
  const startMs = Math.min(plan.startMs ?? cached?.first ?? Infinity, fetched.first ?? Infinity);
  const endMs = Math.max(plan.endMs, fetched.last ?? -Infinity);
  return startMs <= endMs ? { startMs, endMs } : null;
}

type ValidationOutcome = Awaited<ReturnType<typeof validationSummary>>;
type SavedSeries = {
  range: CsvRange | null;
  window: LoadWindow | null;
  validation: ValidationOutcome | null;
};

/**
 * How long, once the load is cancelled, saving the bars already fetched may still wait for the
 * series' lock (another load or import writing it, in this process or another worker).
 */
export const SAVE_AFTER_CANCEL_MS = 5000;

/**
 * Runs `save` with a signal that ends its wait for the series' lock `graceMs` after the token is
 * cancelled: a cancel loses no fetched bars (data.md) unless the series stays busy that long,
 * and never leaves the operation waiting on another writer indefinitely.
 */
async function withSaveDeadline<T>(
  token: CancellationToken,
  graceMs: number,
  save: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const stopWatching = token.onCancel((reason) => {
    timer = setTimeout(() => deadline.abort(new CancellationError(reason)), graceMs);
  });
  try {
    return await save(deadline.signal);
  } finally {
    stopWatching();
    clearTimeout(timer);
  }
}

function expectedBars(
  calendar: TradingCalendar,
  params: DataLoadParams,
  segment: { startMs: number; endMs: number },
): number {
  return calendar.barTimestamps(params.timeframe, segment.startMs, segment.endMs - 1).length;
}
