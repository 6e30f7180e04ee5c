import { Inject, Injectable } from '@nestjs/common';
import {
  type CancellationToken,
  ProgressReporter,
  type OperationRunContext,
} from '@ktrdr/async-infrastructure';
import type { BarSeries, CsvBarStore, DataLoadResult, Timeframe } from '@ktrdr/market-data';
import { DataLoadOperation } from './data-load.operation';
import { BAR_STORE } from './data.constants';

/** What {@link DataSeriesLoader.load} needs: one series and its window (epoch ms, inclusive). */
export interface SeriesLoadRequest {
  symbol: string;
  timeframe: Timeframe;
  startMs: number;
  endMs: number;
}

/** Options of {@link DataSeriesLoader.load}. */
export interface SeriesLoadOptions {
  /** The caller's token: cancelling it stops the load (a child token is used). */
  token: CancellationToken;
  /** The id the load's work is attributed to (the calling operation). */
  operationId: string;
  /** Completed fraction (0–1) of the load, as its progress moves. */
  onProgress?: (fraction: number) => void;
}

/**
 * The data domain's API for other domains (training, predictions): bars of one series in a
 * window, fetching what the cache misses through exactly the path a `data_load` operation
 * takes (a `full` load over the window, run inline under the caller's operation), then read
 * from the cache.
 */
@Injectable()
export class DataSeriesLoader {
  constructor(
    private readonly loadOperation: DataLoadOperation,
    @Inject(BAR_STORE) private readonly store: CsvBarStore,
  ) {}

  async load(
    request: SeriesLoadRequest,
    options: SeriesLoadOptions,
  ): Promise<{ bars: BarSeries; load: DataLoadResult }> {
    const token = options.token.child();
    const progress = new ProgressReporter({
      onUpdate: (snapshot) => options.onProgress?.(snapshot.percentage / 100),
    });
    const ctx: OperationRunContext = {
      operationId: options.operationId,
      token,
      progress,
      appendMetrics: () => Promise.resolve(),
    };
    try {
      const load = await this.loadOperation.run(
        {
          symbol: request.symbol,
          timeframe: request.timeframe,
          mode: 'full',
          start_ms: request.startMs,
          end_ms: request.endMs,
          repair: false,
        },
        ctx,
      );
      const bars = await this.store.read(request.symbol, request.timeframe, {
        startMs: request.startMs,
        endMs: request.endMs,
      });
      return { bars, load };
    } finally {
      progress.close();
      token.dispose();
    }
  }
}
