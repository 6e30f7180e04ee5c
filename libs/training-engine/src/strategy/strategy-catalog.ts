import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type { Strategy, StrategyParseResult, StrategyProblem } from './strategy.types';

/** No strategy file with that name. */
export class StrategyNotFoundError extends TrainingEngineError {
  constructor(name: string) {
    super(TrainingEngineErrorCode.STRATEGY_NOT_FOUND, `Strategy '${name}' not found`);
  }
}

/** A strategy name that is not `^[A-Za-z0-9][A-Za-z0-9_-]*$` (it could escape the folder). */
export class InvalidStrategyNameError extends TrainingEngineError {
  constructor(name: string) {
    super(
      TrainingEngineErrorCode.INVALID_STRATEGY_NAME,
      `Invalid strategy name '${name}': letters, digits, '_' and '-' only, starting with a letter or digit`,
    );
  }
}

/** A strategy file with problems; `problems` lists them all. */
export class InvalidStrategyError extends TrainingEngineError {
  constructor(
    readonly strategyName: string,
    readonly problems: StrategyProblem[],
  ) {
    super(
      TrainingEngineErrorCode.INVALID_STRATEGY,
      `Strategy '${strategyName}' is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
}

export interface StrategyListEntry {
  name: string;
  description?: string;
  problems: StrategyProblem[];
  strategy?: Strategy;
}

export interface StrategyFile {
  name: string;
  yaml: string;
  result: StrategyParseResult;
}

/** Strategy files (`{name}.yaml`) in one folder. */
export class StrategyCatalog {
  constructor(readonly dir: string) {}

  list(): Promise<StrategyListEntry[]> {
    throw new Error('not implemented');
  }

  get(name: string): Promise<StrategyFile> {
    void name;
    throw new Error('not implemented');
  }
}
