import { Injectable } from '@nestjs/common';
import { sleep, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from '@ktrdr/operations';
import { monotonicMs } from './bench-stats';
import { FirehoseGate } from './firehose-gate';
import type { FirehoseParamsDto } from './firehose-params.dto';
import { LoopDelayMonitor, type LoopDelayStats } from './loop-delay.monitor';

export const FIREHOSE_OPERATION_TYPE = 'bench_firehose';

export interface FirehoseResult {
  updates: number;
  fire_ms: number;
  final_seq: number;
  /** The server's event-loop delay during the firing window only. */
  loop_delay: LoopDelayStats;
}

/**
 * Bench-only operation: once its gate opens, reports `updates_per_ms` progress updates per
 * millisecond for `fire_ms` (about one batch per 1 ms timer tick, the count kept on schedule
 * from the elapsed time), each stamped with its monotonic production time in
 * `context.produced_ms`; then stays quiet `hold_ms` and completes.
 */
@Injectable()
@OperationHandler(FIREHOSE_OPERATION_TYPE)
export class FirehoseOperation implements OperationHandlerInstance<
  FirehoseParamsDto,
  FirehoseResult
> {
  constructor(
    private readonly gate: FirehoseGate,
    private readonly loopDelay: LoopDelayMonitor,
  ) {}

  async run(params: FirehoseParamsDto, ctx: OperationRunContext): Promise<FirehoseResult> {
    const { signal } = ctx.token;
    await this.gate.wait(ctx.operationId, signal);
    const total = params.updates_per_ms * params.fire_ms;
    ctx.progress.startStep('run', { items_total: total, context: { produced_ms: monotonicMs() } });
    this.loopDelay.reset();
    const start = monotonicMs();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor((monotonicMs() - start) * params.updates_per_ms));
      while (sent < due) {
        sent++;
        ctx.progress.update({ items_processed: sent, context: { produced_ms: monotonicMs() } });
      }
      await sleep(1, signal);
    }
    const fireMs = monotonicMs() - start;
    const loopDelay = this.loopDelay.read();
    const finalSeq = ctx.progress.snapshot()?.seq ?? 0;
    await sleep(params.hold_ms, signal);
    return { updates: sent, fire_ms: fireMs, final_seq: finalSeq, loop_delay: loopDelay };
  }
}
