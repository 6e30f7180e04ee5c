import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { OperationsService } from '@ktrdr/operations';
import { monotonicMs } from './bench-stats';

class RelayBurstDto {
  @IsInt()
  @Min(1)
  @Max(100_000)
  updates!: number;

  @IsInt()
  @Min(0)
  @Max(10_000)
  interval_ms!: number;
}

/**
 * Bench-only: records an operation's life straight into this process's registry, as a queued
 * worker would (a running row under a lease, progress stamped with its monotonic production
 * time in `context.produced_ms`, then `completed`), so that another API process streams it.
 */
@Controller('bench/relay')
export class RelayBenchController {
  constructor(private readonly operations: OperationsService) {}

  /** A running `dummy` operation held by a bench lease. */
  @Post()
  async create(): Promise<{ operation_id: string }> {
    const { operation_id: id } = await this.operations.create({ operation_type: 'dummy' });
    const lease = { workerId: `bench:${process.pid}`, expiresAt: '2999-01-01T00:00:00.000Z' };
    await this.operations.markRunning(id, lease);
    return { operation_id: id };
  }

  /** Starts reporting `updates` snapshots every `interval_ms`, then completes the operation. */
  @Post(':id/go')
  @HttpCode(202)
  go(@Param('id') id: string, @Body() burst: RelayBurstDto): { accepted: true } {
    void this.report(id, burst);
    return { accepted: true };
  }

  private async report(id: string, { updates, interval_ms }: RelayBurstDto): Promise<void> {
    for (let seq = 1; seq <= updates; seq++) {
      this.operations.recordProgress(id, {
        seq,
        percentage: (seq / updates) * 100,
        message: `update ${seq}`,
        step_name: 'run',
        steps_completed: 0,
        steps_total: 1,
        items_processed: seq,
        items_total: updates,
        current_item: null,
        eta_seconds: null,
        context: { produced_ms: monotonicMs() },
        updated_at: new Date().toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, interval_ms));
    }
    await this.operations.finish(id, { kind: 'completed', result: null });
  }
}
