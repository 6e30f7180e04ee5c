import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import { STRATEGY_NAME_PATTERN, parseStrategy } from './strategy-parser';
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

/**
 * Strategy files (`{name}.yaml`) in one folder. Names are checked against
 * {@link STRATEGY_NAME_PATTERN} before touching the disk, so nothing outside the folder is read.
 */
export class StrategyCatalog {
  constructor(readonly dir: string) {}

  /** Every strategy file in the folder, valid or not (sorted by name). */
  async list(): Promise<StrategyListEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const stems = names
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .filter((stem) => STRATEGY_NAME_PATTERN.test(stem))
      .sort();
    return Promise.all(
      stems.map(async (stem) => {
        const { result } = await this.get(stem);
        if (result.ok) {
          const { description } = result.strategy;
          return {
            name: stem,
            ...(description !== undefined && { description }),
            problems: [],
            strategy: result.strategy,
          };
        }
        return { name: stem, problems: result.problems };
      }),
    );
  }

  /** One strategy file with its validation result; throws when the name is bad or absent. */
  async get(name: string): Promise<StrategyFile> {
    if (!STRATEGY_NAME_PATTERN.test(name)) throw new InvalidStrategyNameError(name);
    let yaml: string;
    try {
      yaml = await readFile(path.join(this.dir, `${name}.yaml`), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StrategyNotFoundError(name);
      throw e;
    }
    return { name, yaml, result: parseStrategy(yaml, { expectedName: name }) };
  }

  /** The valid strategy `name`; throws {@link InvalidStrategyError} listing its problems. */
  async load(name: string): Promise<Strategy> {
    const { result } = await this.get(name);
    if (!result.ok) throw new InvalidStrategyError(name, result.problems);
    return result.strategy;
  }
}
