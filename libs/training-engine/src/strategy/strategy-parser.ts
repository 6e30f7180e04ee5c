import type { StrategyParseResult } from './strategy.types';

/** Options of {@link parseStrategy}. */
export interface ParseStrategyOptions {
  /** The file stem the strategy's `name` must equal. */
  expectedName?: string;
}

/** Parses and validates a strategy file, listing every problem. */
export function parseStrategy(
  yamlText: string,
  options: ParseStrategyOptions = {},
): StrategyParseResult {
  void yamlText;
  void options;
  throw new Error('not implemented');
}
