import type { Command } from 'commander';
import { UsageError } from '../cli.errors';
import type { CliContext } from '../cli-context';
import { runAndWatch } from '../run-and-watch';
import { integerArgument } from './option-parsers';

interface DummyOptions {
  steps: number;
  stepMs: number;
  failAtStep?: number;
}

/** `ktrdr dummy [--steps --step-ms --fail-at-step]`: starts the reference operation and watches it. */
export function registerDummyCommand(program: Command, ctx: CliContext): void {
  program
    .command('dummy')
    .description('start the reference dummy operation and watch it (Ctrl+C cancels it)')
    .option('--steps <n>', 'number of steps (1-100000)', integerArgument(1, 100_000), 10)
    .option('--step-ms <ms>', 'milliseconds per step (0-60000)', integerArgument(0, 60_000), 200)
    .option('--fail-at-step <n>', 'fail at this step (1..steps)', integerArgument(1, 100_000))
    .action(async (options: DummyOptions) => {
      const { steps, stepMs, failAtStep } = options;
      if (failAtStep !== undefined && failAtStep > steps) {
        throw new UsageError(`--fail-at-step (${failAtStep}) must not exceed --steps (${steps})`);
      }
      const params = { steps, step_ms: stepMs, ...(failAtStep && { fail_at_step: failAtStep }) };
      ctx.setExitCode(await runAndWatch(ctx, (api, signal) => api.startDummy(params, signal)));
    });
}
