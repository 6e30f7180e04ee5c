import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { StartTrainingRequest } from '../api.types';
import { UsageError } from '../cli.errors';
import type { CliContext } from '../cli-context';
import {
  assertDateOrder,
  parseDateArg,
  parseSymbolArg,
  parseTimeframeArg,
  type Timeframe,
} from '../data-params';
import { ExitCode } from '../exit-codes';
import { readTextFile } from '../read-text-file';
import { runWatchAndSummarize } from '../run-and-watch';
import { createTrainingDisplay } from '../training-progress-display';
import {
  formatModelDetail,
  formatModelsTable,
  formatPredictions,
  formatTrainingSummary,
  formatValidation,
  isTrainingResult,
} from '../training-format';
import { integerArgument } from './option-parsers';

interface TrainOptions {
  symbols?: string[];
  timeframes?: Timeframe[];
  start?: string;
  end?: string;
  host?: boolean;
  local?: boolean;
}

interface PredictOptions {
  symbol: string;
  timeframe: Timeframe;
  start?: string;
  end?: string;
  force?: boolean;
  limit: number;
  json?: boolean;
}

/** `ktrdr models train | list | show | predict`. */
export function registerModelsCommand(program: Command, ctx: CliContext): void {
  const models = program.command('models').description('train models and use the model registry');

  models
    .command('train')
    .description('train a strategy and watch it: epoch and batch bars (Ctrl+C cancels it)')
    .argument('<strategy>', 'strategy name, or its file (strategies/rsi_mlp.yaml)')
    .option(
      '--symbols <list>',
      "comma-separated symbols (default: the strategy's)",
      listOf(parseSymbolArg),
    )
    .option(
      '--timeframes <list>',
      "comma-separated timeframes (default: the strategy's)",
      listOf(parseTimeframeArg),
    )
    .option('--start <date>', 'first bar, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)', parseDateArg)
    .option('--end <date>', 'last bar, same formats', parseDateArg)
    .option('--host', 'train on the training host')
    .option('--local', 'train in the API process (a worker thread)')
    .action(async (strategy: string, options: TrainOptions) => {
      if (options.host && options.local)
        throw new UsageError('--host and --local exclude each other');
      assertDateOrder(options.start, options.end);
      const name = await strategyName(ctx, strategy);
      if (name === null) return;
      const request: StartTrainingRequest = {
        strategy_name: name,
        ...(options.symbols && { symbols: options.symbols }),
        ...(options.timeframes && { timeframes: options.timeframes }),
        ...(options.start !== undefined && { start_date: options.start }),
        ...(options.end !== undefined && { end_date: options.end }),
        ...(options.host && { execution: 'host' as const }),
        ...(options.local && { execution: 'local' as const }),
      };
      await runWatchAndSummarize(
        ctx,
        (api, signal) => api.startTraining(request, signal),
        (result) => (isTrainingResult(result) ? formatTrainingSummary(result) : null),
        () => createTrainingDisplay(ctx.stderr, ctx.io.now),
      );
    });

  models
    .command('list')
    .description('list the model versions (the latest of each strategy marked *)')
    .option('--strategy <name>', 'only this strategy')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { strategy?: string; json?: boolean }) => {
      const list = await ctx.api().listModels(options.strategy);
      print(ctx, options.json ? JSON.stringify(list, null, 2) : formatModelsTable(list));
    });

  models
    .command('show')
    .description('one model version: data, features, training and test metrics')
    .argument('<strategy>')
    .argument('<version>', 'e.g. AAPL_1h_v3')
    .option('--json', 'print the API answer as JSON')
    .action(async (strategy: string, version: string, options: { json?: boolean }) => {
      const model = await ctx.api().getModel(strategy, version);
      print(ctx, options.json ? JSON.stringify(model, null, 2) : formatModelDetail(model));
    });

  models
    .command('predict')
    .description('signals of a model version over bars (warm-up bars loaded automatically)')
    .argument('<strategy>')
    .argument('<version>', 'e.g. AAPL_1h_v3')
    .requiredOption('--symbol <symbol>', 'symbol to predict on', parseSymbolArg)
    .requiredOption('--timeframe <timeframe>', "the model's base timeframe", parseTimeframeArg)
    .option('--start <date>', 'first bar (UTC)', parseDateArg)
    .option('--end <date>', 'last bar (UTC)', parseDateArg)
    .option('--force', 'predict on a symbol the model was not trained on')
    .option(
      '--limit <n>',
      'how many of the last predictions to print',
      integerArgument(1, 1_000_000),
      20,
    )
    .option('--json', 'print the API answer as JSON')
    .action(async (strategy: string, version: string, options: PredictOptions) => {
      assertDateOrder(options.start, options.end);
      const predictions = await ctx.api().predict(strategy, version, {
        symbol: options.symbol,
        timeframe: options.timeframe,
        ...(options.start !== undefined && { start: options.start }),
        ...(options.end !== undefined && { end: options.end }),
        ...(options.force && { force: true }),
      });
      print(
        ctx,
        options.json ? JSON.stringify(predictions) : formatPredictions(predictions, options.limit),
      );
    });
}

/**
 * The strategy's name: the argument itself, or the stem of a file path. A file that exists here
 * is validated by the API first, so its problems show before anything starts (the API trains
 * from its own STRATEGIES_DIR copy of the same name).
 */
async function strategyName(ctx: CliContext, argument: string): Promise<string | null> {
  const isPath = /[\\/]|\.ya?ml$/i.test(argument);
  if (!isPath) return argument;
  const name = path.basename(argument).replace(/\.ya?ml$/i, '');
  if (existsSync(argument)) {
    const validation = await ctx.api().validateStrategy(await readTextFile(argument));
    if (!validation.valid) {
      ctx.stderr.write(`${formatValidation(validation)}\n`);
      ctx.setExitCode(ExitCode.Failed);
      return null;
    }
  }
  return name;
}

function listOf<T>(parse: (value: string) => T): (value: string) => T[] {
  return (value) => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) throw new InvalidArgumentError('Give at least one value.');
    return items.map(parse);
  };
}

function print(ctx: CliContext, text: string): void {
  ctx.stdout.write(`${text}\n`);
}
