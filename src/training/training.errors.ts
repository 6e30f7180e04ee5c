import { HttpStatus } from '@nestjs/common';
import { AppError, type AppErrorOptions, defineErrorCodes } from '@ktrdr/http-kit';
import { TrainingEngineErrorCode, type StrategyProblem } from '@ktrdr/training-engine';

/** Codes of the training module's own errors (the engine brings the rest). */
export enum TrainingErrorCode {
  INVALID_STRATEGY = 'INVALID_STRATEGY',
  INVALID_TRAINING_REQUEST = 'INVALID_TRAINING_REQUEST',
  TRAINING_HOST_NOT_CONFIGURED = 'TRAINING_HOST_NOT_CONFIGURED',
  SYMBOL_NOT_IN_MODEL = 'SYMBOL_NOT_IN_MODEL',
  NO_DATA_FOR_SYMBOL = 'NO_DATA_FOR_SYMBOL',
}

/**
 * How the API answers the training codes and the engine's. The other engine codes and the host
 * session codes only end an operation (its `error.code`), so they are not declared here.
 */
export const TRAINING_ERROR_CODES = defineErrorCodes({
  [TrainingErrorCode.INVALID_STRATEGY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrainingErrorCode.INVALID_TRAINING_REQUEST]: HttpStatus.BAD_REQUEST,
  [TrainingErrorCode.TRAINING_HOST_NOT_CONFIGURED]: HttpStatus.BAD_REQUEST,
  [TrainingErrorCode.SYMBOL_NOT_IN_MODEL]: HttpStatus.BAD_REQUEST,
  [TrainingErrorCode.NO_DATA_FOR_SYMBOL]: HttpStatus.NOT_FOUND,
  [TrainingEngineErrorCode.STRATEGY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [TrainingEngineErrorCode.INVALID_STRATEGY_NAME]: HttpStatus.BAD_REQUEST,
  [TrainingEngineErrorCode.MODEL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [TrainingEngineErrorCode.INVALID_MODEL_VERSION]: HttpStatus.BAD_REQUEST,
});

/** Base of the training module's errors: a message and a code the kit's filter answers. */
export class TrainingError extends AppError {
  declare readonly code: TrainingErrorCode;

  constructor(code: TrainingErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, options);
  }
}

/** A strategy with problems: 422, every problem in the message and in `details.problems`. */
export class StrategyRejectedError extends TrainingError {
  constructor(
    readonly strategyName: string,
    readonly problems: readonly StrategyProblem[],
  ) {
    super(
      TrainingErrorCode.INVALID_STRATEGY,
      `Strategy ${strategyName} is invalid: ` +
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      { details: { problems } },
    );
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
