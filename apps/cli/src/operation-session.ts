import { setTimeout as delay } from 'node:timers/promises';
import type { OperationRecord } from './api.types';
import { ApiError } from './cli.errors';
import type { CliContext } from './cli-context';
import { ExitCode, exitCodeForStatus } from './exit-codes';
import { formatFinalLine } from './operation-format';
import type { ProgressDisplay } from './progress-display.types';

/** Who the operation belongs to decides what Ctrl+C means. */
export type Ownership = 'started' | 'observed';

export const CLI_CANCEL_REASON = 'cancelled from the CLI (Ctrl+C)';

/** After a second Ctrl+C, how long an in-flight DELETE may still take before the CLI exits. */
const CANCEL_FLUSH_MS = 1000;

/**
 * Watches one operation to its final state and handles Ctrl+C (SIGINT):
 * - an operation this CLI `started`: the first Ctrl+C sends one DELETE and keeps watching until
 *   the operation is final; a second one stops waiting (exit 130) as soon as that DELETE got
 *   its answer (at most CANCEL_FLUSH_MS);
 * - an `observed` one: Ctrl+C stops watching (exit 130) and leaves the operation alone.
 */
export class OperationSession {
  private readonly stopWaiting = new AbortController();
  private operationId: string | undefined;
  private interrupts = 0;
  private cancelRequest: Promise<void> | undefined;
  private log: (line: string) => void;

  constructor(
    private readonly ctx: CliContext,
    private readonly ownership: Ownership,
    /** The progress display (default: the context's single bar or lines). */
    private readonly createDisplay: () => ProgressDisplay = () => ctx.createDisplay(),
  ) {
    this.log = (line) => ctx.stderr.write(`${line}\n`);
  }

  /** Obtains the id (e.g. starts the operation), watches it and returns the exit code. */
  async run(obtainId: (signal: AbortSignal) => Promise<string>): Promise<number> {
    const onInterrupt = (): void => this.interrupt();
    this.ctx.io.signals.on('SIGINT', onInterrupt);
    try {
      const id = await obtainId(this.stopWaiting.signal);
      this.operationId = id;
      if (this.ownership === 'started') this.log(`Started ${id} (Ctrl+C cancels it)`);
      // A Ctrl+C that arrived while the operation was being started applies now.
      if (this.interrupts > 0) this.requestCancel(id);
      return await this.watch(id);
    } catch (error) {
      if (this.stopWaiting.signal.aborted) return await this.stoppedWaiting();
      throw error;
    } finally {
      this.ctx.io.signals.off('SIGINT', onInterrupt);
    }
  }

  private async watch(id: string): Promise<number> {
    const display = this.createDisplay();
    this.log = (line) => display.log(line);
    let operation: OperationRecord;
    try {
      operation = await this.ctx.createWatcher().watch(
        id,
        {
          onProgress: (progress) => display.update(progress),
          onStatus: (op) => display.log(`${op.operation_id} is ${op.status}`),
          onReconnect: (attempt, error) =>
            display.log(`Connection lost (${describe(error)}); reconnecting (attempt ${attempt})…`),
        },
        this.stopWaiting.signal,
      );
    } finally {
      display.stop();
      this.log = (line) => this.ctx.stderr.write(`${line}\n`);
    }
    await this.cancelRequest;
    this.ctx.stdout.write(`${formatFinalLine(operation)}\n`);
    return exitCodeForStatus(operation.status);
  }

  private interrupt(): void {
    this.interrupts += 1;
    if (this.ownership === 'started' && this.interrupts === 1) {
      if (this.operationId) this.requestCancel(this.operationId);
      return;
    }
    this.stopWaiting.abort();
  }

  private requestCancel(id: string): void {
    if (this.cancelRequest) return;
    this.log(`Cancelling ${id}… (Ctrl+C again to stop waiting)`);
    this.cancelRequest = this.ctx
      .api()
      .cancelOperation(id, CLI_CANCEL_REASON)
      .then(
        () => undefined,
        (error: unknown) => {
          // 409: it finished before the cancel arrived; the watcher reports how.
          if (error instanceof ApiError && error.status === 409) return;
          this.log(`Cancel request failed: ${describe(error)}`);
        },
      );
  }

  private async stoppedWaiting(): Promise<number> {
    const id = this.operationId ?? 'the operation';
    if (this.ownership === 'started' && this.cancelRequest) {
      // Exiting now could drop a DELETE still in flight: give it a moment to reach the API.
      await settleWithin(this.cancelRequest, CANCEL_FLUSH_MS);
      this.ctx.stderr.write(`Stopped watching ${id} (cancel requested, not waiting for it).\n`);
    } else {
      this.ctx.stderr.write(`Stopped watching ${id} (it keeps running).\n`);
    }
    return ExitCode.Cancelled;
  }
}

async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  const timeout = new AbortController();
  await Promise.race([
    promise,
    delay(ms, undefined, { signal: timeout.signal }).catch(() => undefined),
  ]);
  timeout.abort();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
