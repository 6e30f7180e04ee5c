import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppError, createValidationPipe, RequestValidationError } from '@ktrdr/http-kit';
import {
  InvalidSymbolError,
  normalizeSymbol,
  timeframeMs,
  type Timeframe,
} from '@ktrdr/market-data';
import { parseStrategy, type Strategy } from '@ktrdr/training-engine';
import { SessionFieldsDto } from './dto/session-fields.dto';
import { parseSessionBars } from './session-bars.parser';
import {
  InvalidBarsError,
  InvalidSessionStrategyError,
  TrainingHostErrorCode,
} from './training-host-errors';
import type { TrainingSessionSpec } from './training-session';

/**
 * Turns the `POST /training/sessions` body into a session spec, in order: the fields (400
 * `VALIDATION_FAILED`, the kit's validation), the symbols (400 `INVALID_SYMBOL`), the strategy
 * YAML (422 `INVALID_STRATEGY` with every problem), the bars (400 `INVALID_BARS` with every
 * problem). The route's body type is an interface, so the global ValidationPipe passes the
 * body through untouched and the bars' columns are never copied by class-transformer.
 */
@Injectable()
export class ParseSessionRequestPipe implements PipeTransform<
  unknown,
  Promise<TrainingSessionSpec>
> {
  private readonly fields = createValidationPipe();

  async transform(body: unknown): Promise<TrainingSessionSpec> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new RequestValidationError(['request body must be a JSON object']);
    }
    const { bars, ...rest } = body as Record<string, unknown>;
    const dto = (await this.fields.transform(rest, {
      type: 'body',
      metatype: SessionFieldsDto,
    })) as SessionFieldsDto;
    if (dto.start_date && dto.end_date && Date.parse(dto.start_date) >= Date.parse(dto.end_date)) {
      throw new AppError(
        TrainingHostErrorCode.InvalidDateRange,
        'start_date must be before end_date',
      );
    }
    const symbols = normalizeSymbols(dto.symbols);
    const parsed = parseStrategy(dto.strategy_yaml);
    if (!parsed.ok) throw new InvalidSessionStrategyError(parsed.problems);
    const series = parseSessionBars(bars, symbols, dto.timeframes);
    if (!series.ok) throw new InvalidBarsError(series.problems);
    return {
      strategy: withTrainingData(parsed.strategy, {
        symbols,
        timeframes: dto.timeframes,
        start_date: dto.start_date,
        end_date: dto.end_date,
      }),
      symbols,
      timeframes: dto.timeframes,
      series: series.series,
      seed: dto.seed,
    };
  }
}

function normalizeSymbols(input: string[]): string[] {
  try {
    const symbols = input.map(normalizeSymbol);
    if (new Set(symbols).size !== symbols.length) {
      throw new AppError(TrainingHostErrorCode.InvalidSymbol, 'symbols must not repeat');
    }
    return symbols;
  } catch (error) {
    if (error instanceof InvalidSymbolError) {
      throw new AppError(TrainingHostErrorCode.InvalidSymbol, error.message);
    }
    throw error;
  }
}

/**
 * The strategy with the request's symbols, timeframes and dates as its `training_data` (what
 * the API resolved from the file and the user's overrides). The base timeframe stays when it
 * is among the timeframes, else it is the fastest of them.
 */
export function withTrainingData(
  strategy: Strategy,
  data: { symbols: string[]; timeframes: Timeframe[]; start_date?: string; end_date?: string },
): Strategy {
  const fastest = [...data.timeframes].sort((a, b) => timeframeMs(a) - timeframeMs(b))[0]!;
  const base = data.timeframes.includes(strategy.training_data.base_timeframe)
    ? strategy.training_data.base_timeframe
    : fastest;
  return {
    ...strategy,
    training_data: {
      symbols: data.symbols,
      timeframes: data.timeframes,
      base_timeframe: base,
      start_date: data.start_date ?? strategy.training_data.start_date,
      end_date: data.end_date ?? strategy.training_data.end_date,
    },
  };
}
