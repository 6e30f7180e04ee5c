import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { CancellationToken } from '@ktrdr/async-infrastructure';
import {
  assertDateRange,
  normalizeSymbol,
  parseTimeframe,
  type Timeframe,
  timeframeMs,
} from '@ktrdr/market-data';
import {
  type ModelList,
  type ModelStore,
  type ModelVersionDetail,
  type ModelVersionInfo,
  parseStrategy,
  type PredictResponse,
  predictWithModel,
  type SeriesBars,
  type Strategy,
  type StrategyCatalog,
  warmupBars,
} from '@ktrdr/training-engine';
import { DataSeriesLoader, parseOptionalDate } from '../data';
import type { PredictDto } from './dto/predict.dto';
import { MODEL_STORE, STRATEGY_CATALOG } from './training.constants';
import {
  InvalidTrainingRequestError,
  NoDataForSymbolError,
  SymbolNotInModelError,
} from './training.errors';

const DAY_MS = 86_400_000;
/**
 * Calendar time per bar of history: markets are closed nights and weekends, so N hourly bars
 * span about 5 × N hours of wall-clock time (6.5 h a day, 5 days a week).
 */
const CALENDAR_FACTOR = 5;

/**
 * The model registry (the engine's ModelStore over MODELS_DIR) for the REST API, and
 * predictions of a stored version over bars the data domain loads (the warm-up the features
 * need included).
 */
@Injectable()
export class ModelsService {
  constructor(
    @Inject(MODEL_STORE) private readonly store: ModelStore,
    @Inject(STRATEGY_CATALOG) private readonly catalog: StrategyCatalog,
    private readonly loader: DataSeriesLoader,
  ) {}

  async list(strategy?: string): Promise<ModelList> {
    return { items: await this.store.list(strategy) };
  }

  get(strategy: string, version: string): Promise<ModelVersionDetail> {
    return this.store.get(strategy, version);
  }

  remove(strategy: string, version: string): Promise<void> {
    return this.store.remove(strategy, version);
  }

  async predict(strategyName: string, version: string, dto: PredictDto): Promise<PredictResponse> {
    const model = await this.store.get(strategyName, version);
    const symbol = normalizeSymbol(dto.symbol);
    const timeframe = parseTimeframe(dto.timeframe);
    if (!dto.force && !model.symbols.includes(symbol)) {
      throw new SymbolNotInModelError(symbol, strategyName, version, model.symbols);
    }
    const timeframes = model.timeframes.map(parseTimeframe);
    if (!timeframes.includes(timeframe)) {
      throw new InvalidTrainingRequestError(
        `Model ${strategyName}/${version} works on ${timeframes.join(', ')}, not ${timeframe}`,
      );
    }
    const endMs = parseOptionalDate(dto.end, 'end') ?? Date.now();
    const startMs = parseOptionalDate(dto.start, 'start') ?? endMs - defaultWindowMs(timeframe);
    assertDateRange(startMs, endMs);
    const strategy = await this.strategyOf(model);
    const slowest = Math.max(...timeframes.map(timeframeMs));
    const warmupMs = warmupBars(strategy) * slowest * CALENDAR_FACTOR + 2 * DAY_MS;
    const series = await this.loadSeries(symbol, timeframes, startMs - warmupMs, endMs);
    const predictions = await predictWithModel(model, series);
    // Only the asked window: the warm-up bars served the features.
    const from = predictions.t.findIndex((t) => t >= startMs);
    const keep = from < 0 ? predictions.t.length : from;
    const cut = <T>(values: T[]): T[] => values.slice(keep);
    return {
      strategy: model.strategy,
      version: model.version,
      symbol,
      timeframe,
      count: predictions.t.length - keep,
      t: cut(predictions.t),
      signal: cut(predictions.signal),
      p_buy: cut(predictions.p_buy),
      p_hold: cut(predictions.p_hold),
      p_sell: cut(predictions.p_sell),
    };
  }

  /** The strategy the model was trained with (its config.json), else today's file. */
  private async strategyOf(model: ModelVersionInfo): Promise<Strategy> {
    try {
      const config = JSON.parse(await readFile(path.join(model.path, 'config.json'), 'utf8')) as {
        strategy?: Strategy;
      };
      if (config.strategy) return config.strategy;
    } catch {
      // An older or hand-made version without the strategy: fall back to the file.
    }
    const file = await this.catalog.get(model.strategy);
    const parsed = file.result.ok ? file.result : parseStrategy(file.yaml);
    if (!parsed.ok) {
      throw new InvalidTrainingRequestError(
        `The strategy of ${model.strategy}/${model.version} cannot be read`,
      );
    }
    return parsed.strategy;
  }

  private async loadSeries(
    symbol: string,
    timeframes: Timeframe[],
    startMs: number,
    endMs: number,
  ): Promise<SeriesBars[]> {
    const token = new CancellationToken();
    const series: SeriesBars[] = [];
    for (const timeframe of timeframes) {
      const { bars } = await this.loader
        .load({ symbol, timeframe, startMs, endMs }, { token, operationId: `predict_${symbol}` })
        .catch((error: unknown) => {
          throw new NoDataForSymbolError(symbol, timeframe, (error as Error).message);
        });
      if (bars.t.length === 0) throw new NoDataForSymbolError(symbol, timeframe);
      series.push({
        symbol,
        timeframe,
        bars: { symbol, timeframe, count: bars.t.length, ...bars },
      });
    }
    return series;
  }
}

function defaultWindowMs(timeframe: Timeframe): number {
  return timeframeMs(timeframe) >= DAY_MS ? 365 * DAY_MS : 30 * DAY_MS;
}
