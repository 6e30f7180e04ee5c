import type { ApiClient } from './api-client';
import { isFinalStatus, type StartedOperation } from './api.types';
import type { CliContext } from './cli-context';
import { OperationSession } from './operation-session';
import type { ProgressDisplay } from './progress-display.types';

/** Starts an operation through the API; receives the signal of a second Ctrl+C. */
export type StartOperation = (api: ApiClient, signal: AbortSignal) => Promise<StartedOperation>;

/**
 * Starts an operation, shows its progress until it is final and returns the exit code.
 * Every command that starts work (`dummy`, `data load`, `train`) goes through here, so Ctrl+C
 * behaves the same everywhere: the first cancels and waits, the second stops waiting.
 */
export function runAndWatch(
  ctx: CliContext,
  start: StartOperation,
  createDisplay?: () => ProgressDisplay,
): Promise<number> {
  return new OperationSession(ctx, 'started', createDisplay).run(async (signal) => {
    const started = await start(ctx.api(), signal);
    return started.operation_id;
  });
}

/** Watches an operation the CLI did not start: Ctrl+C only stops watching. */
export function watchOperation(ctx: CliContext, operationId: string): Promise<number> {
  return new OperationSession(ctx, 'observed').run(() => Promise.resolve(operationId));
}

/** How long the result read after an operation may take before the CLI gives up on it. */
const SUMMARY_TIMEOUT_MS = 5000;

/**
 * {@link runAndWatch}, then reads the final operation once more and prints the domain's own
 * summary of its result (a load's bars and segments, a training's model and metrics), which the
 * generic final line only abridges. A second Ctrl+C leaves at once, without that read.
 */
export async function runWatchAndSummarize(
  ctx: CliContext,
  start: StartOperation,
  summarize: (result: unknown) => string | null,
  createDisplay?: () => ProgressDisplay,
): Promise<void> {
  let operationId: string | undefined;
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts += 1;
  };
  ctx.io.signals.on('SIGINT', onInterrupt);
  try {
    const code = await runAndWatch(
      ctx,
      async (api, signal) => {
        const started = await start(api, signal);
        operationId = started.operation_id;
        return started;
      },
      createDisplay,
    );
    ctx.setExitCode(code);
  } finally {
    ctx.io.signals.off('SIGINT', onInterrupt);
  }
  if (operationId === undefined || interrupts >= 2) return;
  try {
    const operation = await ctx
      .api()
      .getOperation(operationId, AbortSignal.timeout(SUMMARY_TIMEOUT_MS));
    const text = isFinalStatus(operation.status) ? summarize(operation.result) : null;
    if (text !== null) ctx.stdout.write(`${text}\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`Could not read the result of ${operationId}: ${reason}\n`);
  }
}
