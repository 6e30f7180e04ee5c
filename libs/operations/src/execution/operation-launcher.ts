import { Injectable } from '@nestjs/common';
import { ShutdownCoordinator } from './shutdown-coordinator';
import { OperationExecutor } from './operation-executor';
import { OperationHandlerRegistry } from './operation-handler.registry';
import { OperationStore } from './operation-store';
import type { OperationMetadata, OperationRecord, OperationStatus } from '../model/operation.types';
import { OperationNotFoundError, OperationNotRetryableError } from '../registry/operations.errors';
import { ShuttingDownError, UnknownOperationTypeError } from './execution.errors';

/** The statuses a retry starts from: work that ended without a result. */
export const RETRYABLE_STATUSES: readonly OperationStatus[] = ['failed', 'cancelled'];

/** What {@link OperationLauncher.launch} starts. */
export interface LaunchOperationInput<P> {
  operation_type: string;
  params: P;
  metadata?: OperationMetadata;
}

/**
 * Starts operations: creates the `pending` record (with the job's params, so that it can be
 * retried) and hands the job to the executor, without waiting for the work. A retry takes the
 * same path as a fresh start, so every executor runs it.
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
  launch<P>(input: LaunchOperationInput<P>): Promise<OperationRecord> {
    return this.start(input, null);
  }

  /**
   * Starts a new operation of the same type, with the same stored params and metadata, as a
   * `failed` or `cancelled` one; the new record's `retry_of` names it. Throws
   * OperationNotFoundError for an unknown id, OperationNotRetryableError for any other status
   * (or an operation stored without params), and what {@link launch} throws.
   */
  async retry(operationId: string): Promise<OperationRecord> {
    const stored = await this.store.findLaunch(operationId);
    if (stored === undefined) throw new OperationNotFoundError(operationId);
    const { record, params } = stored;
    if (!RETRYABLE_STATUSES.includes(record.status)) {
      throw new OperationNotRetryableError(
        operationId,
        record.status,
        `it is ${record.status}; only failed or cancelled operations can be retried`,
      );
    }
    if (params === undefined) {
      throw new OperationNotRetryableError(
        operationId,
        record.status,
        'its parameters were not stored (it was created before retries existed)',
      );
    }
    return this.start(
      { operation_type: record.operation_type, params, metadata: record.metadata },
      operationId,
    );
  }

  private async start<P>(
    input: LaunchOperationInput<P>,
    retryOf: string | null,
  ): Promise<OperationRecord> {
    if (this.shutdown.draining) throw new ShuttingDownError();
    if (!this.handlers.has(input.operation_type)) {
      throw new UnknownOperationTypeError(input.operation_type);
    }
    const record = await this.store.create({
      operation_type: input.operation_type,
      params: input.params ?? null,
      ...(input.metadata ? { metadata: input.metadata } : {}),
      ...(retryOf !== null && { retry_of: retryOf }),
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
