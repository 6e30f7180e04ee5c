import { SetMetadata } from '@nestjs/common';
import type { OperationRunContext, ProgressRenderer } from '@ktrdr/async-infrastructure';

export const OPERATION_HANDLER_METADATA = 'ktrdr:operation-handler';

/**
 * The work of one operation type. Register it by decorating a provider with
 * `@OperationHandler('my_type')`; the explorer finds it at boot (a duplicate type or a
 * decorated class without `run` fails the boot with a named error).
 *
 * @example
 * @OperationHandler('dummy')
 * export class DummyOperation implements OperationHandlerInstance<DummyParams, DummyResult> {
 *   async run(params: DummyParams, ctx: OperationRunContext): Promise<DummyResult> { … }
 * }
 */
export interface OperationHandlerInstance<P = unknown, R = unknown> {
  /** Renders the human message of each progress snapshot; the default renderer if absent. */
  readonly renderer?: ProgressRenderer;
  /**
   * Does the work. Return the result (→ `completed`), throw (→ `failed`), or stop when
   * `ctx.token` is cancelled (→ `cancelled`; a returned or attached partial result is kept).
   */
  run(params: P, ctx: OperationRunContext): Promise<R>;
}

/** Marks a provider as the handler of an operation type. */
export const OperationHandler = (operationType: string): ClassDecorator =>
  SetMetadata(OPERATION_HANDLER_METADATA, operationType);
