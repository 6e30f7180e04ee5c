import { UnprocessableEntityException } from '@nestjs/common';
import type { StrategyProblem } from '@ktrdr/training-engine';

/** Codes of the training module's own errors (the engine brings the rest). */
export enum TrainingErrorCode {
  INVALID_STRATEGY = 'INVALID_STRATEGY',
  INVALID_TRAINING_REQUEST = 'INVALID_TRAINING_REQUEST',
  TRAINING_HOST_NOT_CONFIGURED = 'TRAINING_HOST_NOT_CONFIGURED',
  SYMBOL_NOT_IN_MODEL = 'SYMBOL_NOT_IN_MODEL',
  NO_DATA_FOR_SYMBOL = 'NO_DATA_FOR_SYMBOL',
}

/** Base of the training module's errors: a message and a code the exception filter maps. */
export class TrainingError extends Error {
  constructor(
    readonly code: TrainingErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A strategy with problems, as an HTTP answer: 422 whose `message` lists every problem as
 * `path: message` (the problems themselves are in `problems`).
 */
export class StrategyRejectedException extends UnprocessableEntityException {
  readonly code = TrainingErrorCode.INVALID_STRATEGY;

  constructor(
    readonly strategyName: string,
    readonly problems: readonly StrategyProblem[],
  ) {
    super({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: problems.map((p) => `${p.path}: ${p.message}`),
      code: TrainingErrorCode.INVALID_STRATEGY,
    });
  }
}

/** A request the strategy cannot serve (e.g. a symbol override outside the valid set). */
export class InvalidTrainingRequestError extends TrainingError {
  constructor(message: string) {
    super(TrainingErrorCode.INVALID_TRAINING_REQUEST, message);
  }
}

/** `execution: host` while no training host is configured. */
export class TrainingHostNotConfiguredError extends TrainingError {
  constructor() {
    super(
      TrainingErrorCode.TRAINING_HOST_NOT_CONFIGURED,
      'execution "host" needs TRAINING_HOST_SERVICE_URL to be set',
    );
  }
}

/** A prediction on a symbol the model was not trained on (without `force`). */
export class SymbolNotInModelError extends TrainingError {
  constructor(symbol: string, strategy: string, version: string, symbols: readonly string[]) {
    super(
      TrainingErrorCode.SYMBOL_NOT_IN_MODEL,
      `Model ${strategy}/${version} was trained on ${symbols.join(', ')}, not ${symbol} (set force to predict anyway)`,
    );
  }
}

/** A symbol × timeframe with no loadable bars in the training window. */
export class NoDataForSymbolError extends TrainingError {
  constructor(symbol: string, timeframe: string, detail?: string) {
    super(
      TrainingErrorCode.NO_DATA_FOR_SYMBOL,
      `No bars for ${symbol} ${timeframe} in the training window${detail ? `: ${detail}` : ''}`,
    );
  }
}
