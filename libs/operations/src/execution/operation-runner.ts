import { Injectable, Logger } from '@nestjs/common';
import {
  CancellationError,
  CancellationRegistry,
  type CancellationToken,
  OperationContext,
  type OperationRunContext,
  ProgressReporter,
} from '@ktrdr/async-infrastructure';
import type { OperationHandlerInstance } from './operation-handler';
import { OperationHandlerRegistry } from './operation-handler.registry';
import { type OperationLease, OperationStore } from './operation-store';
import type { OperationJob, OperationOutcome } from '../model/operation.types';
import { UnknownOperationTypeError } from './execution.errors';

/** How a queued worker runs a job: under a lease, told when the claim succeeded. */
export interface RunOptions {
  /** Claims the operation for a worker until the lease expires (renewed by the worker). */
  lease?: OperationLease;
  /** Called once the operation is `running` here (not when another delivery had it). */
  onStarted?: (operationId: string) => void;
}

/**
 * Runs one operation job from start to terminal state, whatever executor delivered it:
 * marks it running, gives the handler its context (token, progress, metrics), maps how the
 * work ended to an outcome and records it. Never throws.
 */
@Injectable()
export class OperationRunner {
  private readonly logger = new Logger(OperationRunner.name);

  constructor(
    private readonly handlers: OperationHandlerRegistry,
    private readonly store: OperationStore,
    private readonly cancellations: CancellationRegistry,
    private readonly context: OperationContext,
  ) {}

  /** Runs the job and records its outcome. Does nothing if the operation is no longer pending. */
  async run(job: OperationJob, options: RunOptions = {}): Promise<void> {
    const id = job.operation_id;
    try {
      const outcome = await this.execute(job, options);
      if (outcome) await this.store.finish(id, outcome);
    } catch (error) {
      this.logger.error(`Operation ${id}: could not record its state`, stackOf(error));
    }
  }

  private async execute(job: OperationJob, options: RunOptions): Promise<OperationOutcome | null> {
    const id = job.operation_id;
    if (!this.handlers.has(job.operation_type)) {
      const error = new UnknownOperationTypeError(job.operation_type);
      return { kind: 'failed', error: { code: error.code, message: error.message } };
    }
    const handler = this.handlers.get(job.operation_type);
    // The token exists before the operation is `running`, so a cancel that finds it running
    // always finds its token too (a cancel while still `pending` ends it in the store alone).
    const token = this.cancellations.create(id);
    let started: boolean;
    try {
      started = await this.store.markRunning(id, options.lease);
    } catch (error) {
      // Never started: the token goes, and the operation is failed rather than left pending
      // (recording that may fail too; `run` logs it).
      this.cancellations.release(id);
      this.logger.error(`Operation ${id}: could not mark it running`, stackOf(error));
      return {
        kind: 'failed',
        error: { code: 'START_FAILED', message: `Could not start: ${messageOf(error)}` },
      };
    }
    if (!started) {
      this.cancellations.release(id);
      return null;
    }
    options.onStarted?.(id);

    const progress = new ProgressReporter({
      ...(handler.renderer ? { renderer: handler.renderer } : {}),
      onUpdate: (snapshot) => this.store.recordProgress(id, snapshot),
    });
    const ctx: OperationRunContext = {
      operationId: id,
      token,
      progress,
      appendMetrics: (entry) => this.store.appendMetrics(id, entry),
    };
    try {
      return await this.invoke(handler, job, ctx);
    } finally {
      this.cancellations.release(id);
      progress.close();
    }
  }

  private async invoke(
    handler: OperationHandlerInstance,
    job: OperationJob,
    ctx: OperationRunContext,
  ): Promise<OperationOutcome> {
    const { token, progress } = ctx;
    try {
      const result = await this.context.run(ctx, () => handler.run(job.params, ctx));
      if (token.isCancelled) return cancelled(token, undefined, result);
      progress.complete();
      return { kind: 'completed', result };
    } catch (error) {
      // Cancelled only when this operation's token was: a CancellationError of some other token
      // (a child the work cancelled itself) is a failure like any other.
      if (token.isCancelled) {
        const cancellation = CancellationError.from(error);
        return cancelled(token, cancellation, cancellation?.partialResult);
      }
      this.logger.warn(`Operation ${ctx.operationId} failed: ${messageOf(error)}`, stackOf(error));
      return {
        kind: 'failed',
        error: { code: codeOf(error) ?? 'OPERATION_FAILED', message: messageOf(error) },
      };
    }
  }
}

function cancelled(
  token: CancellationToken,
  error: CancellationError | null | undefined,
  result: unknown,
): OperationOutcome {
  return { kind: 'cancelled', reason: token.reason ?? error?.reason ?? 'cancelled', result };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
