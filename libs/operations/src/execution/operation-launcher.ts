import { Injectable } from '@nestjs/common';
import { ShutdownCoordinator } from './shutdown-coordinator';
import { OperationExecutor } from './operation-executor';
import { OperationHandlerRegistry } from './operation-handler.registry';
import { OperationStore } from './operation-store';
import type { OperationMetadata, OperationRecord } from '../model/operation.types';
import { ShuttingDownError, UnknownOperationTypeError } from './execution.errors';

/** What {@link OperationLauncher.launch} starts. */
export interface LaunchOperationInput<P> {
  operation_type: string;
  params: P;
  metadata?: OperationMetadata;
}

/**
 * Starts operations: creates the `pending` record and hands the job to the executor, without
 * waiting for the work.
 *
 * @example
 * const op = await launcher.launch({ operation_type: 'dummy', params: { steps: 5 } });
 * // op.status === 'pending'; op.operation_id identifies it in REST, SSE and the CLI
 */
@Injectable()
export class OperationLauncher {
  constructor(
    private readonly handlers: OperationHandlerRegistry,
    private readonly store: OperationStore,
    private readonly executor: OperationExecutor,
    private readonly shutdown: ShutdownCoordinator,
  ) {}

  /**
   * Creates the operation and submits it; returns the created record. Throws
   * ShuttingDownError while draining and UnknownOperationTypeError for a type without a
   * handler, both before anything is created.
   */
  async launch<P>(input: LaunchOperationInput<P>): Promise<OperationRecord> {
    if (this.shutdown.draining) throw new ShuttingDownError();
    if (!this.handlers.has(input.operation_type)) {
      throw new UnknownOperationTypeError(input.operation_type);
    }
    const record = await this.store.create({
      operation_type: input.operation_type,
      ...(input.metadata ? { metadata: input.metadata } : {}),
    });
    try {
      await this.executor.submit({
        operation_id: record.operation_id,
        operation_type: input.operation_type,
        params: input.params,
      });
    } catch (error) {
      // Nobody will ever run it: end it now rather than leave it pending.
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown } | null)?.code;
      await this.store.finish(record.operation_id, {
        kind: 'failed',
        error: { code: typeof code === 'string' ? code : 'SUBMIT_FAILED', message },
      });
      throw error;
    }
    return record;
  }
}
