import { Injectable } from '@nestjs/common';
import { CancellationError, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { type SeriesBars } from '@ktrdr/training-engine';
import { DataSeriesLoader } from '../data';
import { NoDataForSymbolError } from './training.errors';
import type { TrainingOperationContext } from './training-operation.context';

/**
 * Bars for every symbol × timeframe of a training, from the data domain (the cache, fetching
 * what is missing the way a data load does). A series without bars fails the training naming
 * the symbol and timeframe.
 */
@Injectable()
export class TrainingBarsLoader {
  constructor(private readonly loader: DataSeriesLoader) {}

  async load(
    context: TrainingOperationContext,
    ctx: Pick<OperationRunContext, 'token' | 'operationId'>,
    onProgress: (done: number, total: number, fraction: number) => void,
  ): Promise<SeriesBars[]> {
    const wanted = context.symbols.flatMap((symbol) =>
      context.timeframes.map((timeframe) => ({ symbol, timeframe })),
    );
    const series: SeriesBars[] = [];
    onProgress(0, wanted.length, 0);
    for (const [index, { symbol, timeframe }] of wanted.entries()) {
      ctx.token.throwIfCancelled();
      let loaded;
      try {
        loaded = await this.loader.load(
          { symbol, timeframe, startMs: context.start_ms, endMs: context.end_ms },
          {
            token: ctx.token,
            operationId: ctx.operationId,
            onProgress: (fraction) => onProgress(index, wanted.length, fraction),
          },
        );
      } catch (error) {
        if (CancellationError.is(error) || ctx.token.isCancelled) throw error;
        throw new NoDataForSymbolError(symbol, timeframe, (error as Error).message);
      }
      if (loaded.bars.t.length === 0) throw new NoDataForSymbolError(symbol, timeframe);
      series.push({
        symbol,
        timeframe,
        bars: { symbol, timeframe, count: loaded.bars.t.length, ...loaded.bars },
      });
      onProgress(index + 1, wanted.length, 0);
    }
    return series;
  }
}
