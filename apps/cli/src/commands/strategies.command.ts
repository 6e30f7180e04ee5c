import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { ExitCode } from '../exit-codes';
import { formatStrategiesTable, formatStrategyDetail, formatValidation } from '../training-format';
import { readTextFile } from '../read-text-file';

/** `ktrdr strategies list | show NAME | validate FILE`. */
export function registerStrategiesCommand(program: Command, ctx: CliContext): void {
  const strategies = program
    .command('strategies')
    .description('strategy files the API trains from');

  strategies
    .command('list')
    .description('list the strategy files and whether each is valid')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }) => {
      const items = await ctx.api().listStrategies();
      print(ctx, options.json ? JSON.stringify(items, null, 2) : formatStrategiesTable(items));
    });

  strategies
    .command('show')
    .description('one strategy: summary and every validation problem')
    .argument('<name>', 'strategy name (the file stem)')
    .option('--json', 'print the API answer as JSON')
    .option('--yaml', 'print the file itself')
    .action(async (name: string, options: { json?: boolean; yaml?: boolean }) => {
      const detail = await ctx.api().getStrategy(name);
      const text = options.json
        ? JSON.stringify(detail, null, 2)
        : options.yaml
          ? detail.yaml.trimEnd()
          : formatStrategyDetail(detail);
      print(ctx, text);
      if (!detail.valid) ctx.setExitCode(ExitCode.Failed);
    });

  strategies
    .command('validate')
    .description('check a local strategy file with the API: every problem with its path')
    .argument('<file>', 'a strategy YAML file')
    .action(async (file: string) => {
      const validation = await ctx.api().validateStrategy(await readTextFile(file));
      print(ctx, formatValidation(validation));
      if (!validation.valid) ctx.setExitCode(ExitCode.Failed);
    });
}

function print(ctx: CliContext, text: string): void {
  ctx.stdout.write(`${text}\n`);
}
