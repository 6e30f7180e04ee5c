import { Option, type Command } from 'commander';
import { isFinalStatus, OPERATION_STATUSES, type OperationStatus } from '../api.types';
import type { CliContext } from '../cli-context';
import { exitCodeForStatus } from '../exit-codes';
import { formatFinalLine, formatOperationDetails, formatOperationTable } from '../operation-format';
import { runAndWatch, watchOperation } from '../run-and-watch';
import { integerArgument } from './option-parsers';

interface ListOptions {
  status?: OperationStatus;
  type?: string;
  active?: boolean;
  limit?: number;
  offset?: number;
  json?: boolean;
}

/** `ktrdr ops list|show|watch|cancel|retry`. */
export function registerOpsCommand(program: Command, ctx: CliContext): void {
  const ops = program
    .command('ops')
    .description('list, inspect, watch, cancel and retry operations');

  ops
    .command('list')
    .description('list operations, newest first')
    .addOption(new Option('--status <status>', 'only this status').choices(OPERATION_STATUSES))
    .option('--type <type>', 'only this operation type (dummy, data_load, training...)')
    .option('--active', 'only pending, running and cancelling operations')
    .option('--limit <n>', 'page size (1-1000, default 50)', integerArgument(1, 1000))
    .option('--offset <n>', 'skip this many operations', integerArgument(0))
    .option('--json', 'print the API answer as JSON')
    .action(async (options: ListOptions) => {
      const list = await ctx.api().listOperations({
        status: options.status,
        operation_type: options.type,
        active_only: options.active,
        limit: options.limit,
        offset: options.offset,
      });
      const width = ctx.stdout.columns ?? 120;
      printOut(ctx, options.json ? toJson(list) : formatOperationTable(list, width));
    });

  ops
    .command('show')
    .description('show one operation')
    .argument('<id>', 'operation id')
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const operation = await ctx.api().getOperation(id);
      printOut(ctx, options.json ? toJson(operation) : formatOperationDetails(operation));
    });

  ops
    .command('watch')
    .description('follow an operation until it ends (Ctrl+C stops watching, does not cancel)')
    .argument('<id>', 'operation id')
    .action(async (id: string) => {
      ctx.setExitCode(await watchOperation(ctx, id));
    });

  ops
    .command('cancel')
    .description('request the cancellation of an operation')
    .argument('<id>', 'operation id')
    .option('--reason <text>', 'why (stored with the operation)')
    .option('--wait', 'wait until it is final and exit with its code')
    .action(async (id: string, options: { reason?: string; wait?: boolean }) => {
      const operation = await ctx.api().cancelOperation(id, options.reason);
      if (isFinalStatus(operation.status)) {
        printOut(ctx, formatFinalLine(operation));
        if (options.wait) ctx.setExitCode(exitCodeForStatus(operation.status));
        return;
      }
      ctx.stderr.write(`Cancel requested for ${id} (now ${operation.status}).\n`);
      if (options.wait) ctx.setExitCode(await watchOperation(ctx, id));
    });

  ops
    .command('retry')
    .description(
      'start a failed or cancelled operation again (same type and parameters) and watch the new one (Ctrl+C cancels it)',
    )
    .argument('<id>', 'id of the failed or cancelled operation')
    .option('--no-watch', 'print the new id and exit without watching')
    .action(async (id: string, options: { watch: boolean }) => {
      if (!options.watch) {
        printOut(ctx, (await ctx.api().retryOperation(id)).operation_id);
        return;
      }
      ctx.setExitCode(await runAndWatch(ctx, (api, signal) => api.retryOperation(id, signal)));
    });
}

function printOut(ctx: CliContext, text: string): void {
  ctx.stdout.write(`${text}\n`);
}

function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
