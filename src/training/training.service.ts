import { Inject, Injectable } from '@nestjs/common';
import {
  type ExecutionVenue,
  OperationLauncher,
  type OperationStatus,
  ServiceOrchestrator,
} from '@ktrdr/operations';
import {
  assertDateRange,
  normalizeSymbol,
  parseTimeframe,
  type Timeframe,
  timeframeMs,
} from '@ktrdr/market-data';
import type { ExecutionMode, Strategy, StrategyCatalog } from '@ktrdr/training-engine';
import { AppConfig } from '../config';
import { parseOptionalDate } from '../data';
import type { StartTrainingDto } from './dto/start-training.dto';
import { STRATEGY_CATALOG, TRAINING_OPERATION } from './training.constants';
import { StrategyRejectedError, TrainingHostNotConfiguredError } from './training.errors';
import { freezeTrainingContext, type TrainingOperationContext } from './training-operation.context';

/** The window trained on when neither the request nor the strategy gives a start. */
const DEFAULT_WINDOW_MS = 365 * 86_400_000;

/**
 * The training domain's service: checks a training request completely — the strategy exists
 * and is valid, symbols, timeframes and dates are well formed, the venue is configured — and
 * only then creates the `training` operation with an immutable TrainingOperationContext.
 * Routing: `execution` in the request, else USE_TRAINING_HOST_SERVICE / TRAINING_HOST_SERVICE_URL.
 */
@Injectable()
export class TrainingService extends ServiceOrchestrator {
  constructor(
    launcher: OperationLauncher,
    private readonly config: AppConfig,
    @Inject(STRATEGY_CATALOG) private readonly catalog: StrategyCatalog,
  ) {
    super(launcher);
  }

  async startTraining(
    dto: StartTrainingDto,
  ): Promise<{ operation_id: string; status: OperationStatus }> {
    const context = await this.buildContext(dto);
    return this.startManagedOperation(TRAINING_OPERATION, context, {
      symbol: context.symbols.join(','),
      timeframe: context.timeframes.join(','),
      start_date: new Date(context.start_ms).toISOString(),
      end_date: new Date(context.end_ms).toISOString(),
      parameters: {
        strategy_name: context.strategy_name,
        execution: context.venue.kind,
        seed: context.seed,
      },
    });
  }

  /** The validated, resolved and frozen context of a request; throws a coded error otherwise. */
  async buildContext(dto: StartTrainingDto): Promise<TrainingOperationContext> {
    const venue = this.venueFor(dto.execution);
    const file = await this.catalog.get(dto.strategy_name);
    if (!file.result.ok) throw new StrategyRejectedError(file.name, file.result.problems);
    const strategy = file.result.strategy;
    const symbols = unique((dto.symbols ?? strategy.training_data.symbols).map(normalizeSymbol));
    const timeframes = unique(
      (dto.timeframes ?? strategy.training_data.timeframes).map(parseTimeframe),
    );
    const endMs =
      parseOptionalDate(dto.end_date ?? strategy.training_data.end_date, 'end_date') ?? Date.now();
    const startMs =
      parseOptionalDate(dto.start_date ?? strategy.training_data.start_date, 'start_date') ??
      endMs - DEFAULT_WINDOW_MS;
    assertDateRange(startMs, endMs);
    return freezeTrainingContext({
      strategy: withTrainingData(strategy, dto.timeframes !== undefined, {
        symbols,
        timeframes,
        startMs,
        endMs,
      }),
      strategy_name: strategy.name,
      symbols,
      timeframes,
      start_ms: startMs,
      end_ms: endMs,
      seed: strategy.model.training.seed,
      venue,
    });
  }

  private venueFor(execution: ExecutionMode | undefined): ExecutionVenue {
    const routing = this.config.trainingHostService;
    if (execution === 'local') return { kind: 'local' };
    if (execution === 'host') {
      if (!routing.url) throw new TrainingHostNotConfiguredError();
      return this.resolveVenue({ enabled: true, url: routing.url });
    }
    return this.resolveVenue(routing);
  }
}

/** The strategy as trained: its training_data holding the resolved symbols, timeframes, dates. */
function withTrainingData(
  strategy: Strategy,
  timeframesOverridden: boolean,
  data: { symbols: string[]; timeframes: Timeframe[]; startMs: number; endMs: number },
): Strategy {
  const fastest = [...data.timeframes].sort((a, b) => timeframeMs(a) - timeframeMs(b))[0];
  return {
    ...strategy,
    training_data: {
      symbols: data.symbols,
      timeframes: data.timeframes,
      base_timeframe:
        timeframesOverridden || !fastest
          ? (fastest ?? strategy.training_data.base_timeframe)
          : strategy.training_data.base_timeframe,
      start_date: new Date(data.startMs).toISOString(),
      end_date: new Date(data.endMs).toISOString(),
    },
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
