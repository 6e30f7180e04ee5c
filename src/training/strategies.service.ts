import { Inject, Injectable } from '@nestjs/common';
import {
  parseStrategy,
  type StrategyCatalog,
  type StrategyDetail,
  type StrategyParseResult,
  type StrategySummary,
  type StrategyValidation,
} from '@ktrdr/training-engine';
import { STRATEGY_CATALOG } from './training.constants';

/** Strategy files for the REST API: list, one with its problems, and validation of a text. */
@Injectable()
export class StrategiesService {
  constructor(@Inject(STRATEGY_CATALOG) private readonly catalog: StrategyCatalog) {}

  async list(): Promise<StrategySummary[]> {
    const entries = await this.catalog.list();
    return entries.map((entry) => ({
      name: entry.name,
      ...(entry.description !== undefined ? { description: entry.description } : {}),
      valid: entry.problems.length === 0,
      problems: entry.problems,
      ...(entry.strategy
        ? {
            symbols: entry.strategy.training_data.symbols,
            timeframes: entry.strategy.training_data.timeframes,
          }
        : {}),
    }));
  }

  async get(name: string): Promise<StrategyDetail> {
    const file = await this.catalog.get(name);
    return { name: file.name, yaml: file.yaml, ...describe(file.result) };
  }

  /** Every problem of a strategy text, each with its path (the check POST /trainings runs). */
  validate(yamlText: string): StrategyValidation {
    const result = parseStrategy(yamlText);
    return {
      name: result.ok ? result.strategy.name : nameOf(yamlText),
      valid: result.ok,
      problems: result.ok ? [] : result.problems,
    };
  }
}

function describe(result: StrategyParseResult): Omit<StrategyDetail, 'name' | 'yaml'> {
  if (!result.ok) return { valid: false, problems: result.problems };
  const { strategy } = result;
  return {
    ...(strategy.description !== undefined ? { description: strategy.description } : {}),
    valid: true,
    problems: [],
    symbols: strategy.training_data.symbols,
    timeframes: strategy.training_data.timeframes,
    strategy,
  };
}

/** The `name:` line of a text that did not parse into a strategy, if it has one. */
function nameOf(yamlText: string): string | null {
  return /^name:\s*['"]?([^'"\s#]+)/m.exec(yamlText)?.[1] ?? null;
}
