import type { ApiClient } from './api-client';
import type { StartedOperation } from './api.types';
import type { CliContext } from './cli-context';
import { OperationSession } from './operation-session';

/** Starts an operation through the API; receives the signal of a second Ctrl+C. */
export type StartOperation = (api: ApiClient, signal: AbortSignal) => Promise<StartedOperation>;

/**
 * Starts an operation, shows its progress until it is final and returns the exit code.
 * Every command that starts work (`dummy`, `data load`, `train`) goes through here, so Ctrl+C
 * behaves the same everywhere: the first cancels and waits, the second stops waiting.
 */
export function runAndWatch(ctx: CliContext, start: StartOperation): Promise<number> {
  return new OperationSession(ctx, 'started').run(async (signal) => {
    const started = await start(ctx.api(), signal);
    return started.operation_id;
  });
}

/** Watches an operation the CLI did not start: Ctrl+C only stops watching. */
export function watchOperation(ctx: CliContext, operationId: string): Promise<number> {
  return new OperationSession(ctx, 'observed').run(() => Promise.resolve(operationId));
}
