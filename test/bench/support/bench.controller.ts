import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { sleep } from '@ktrdr/async-infrastructure';
import { OperationLauncher } from '@ktrdr/operations';
import { FirehoseGate } from './firehose-gate';
import { FIREHOSE_OPERATION_TYPE } from './firehose.operation';
import { FirehoseParamsDto } from './firehose-params.dto';
import { LoopDelayMonitor, type LoopDelayStats } from './loop-delay.monitor';

/**
 * A constant body shaped and sized like a finished dummy operation (what
 * `GET /operations/:id` answers), for the bare-route baseline.
 */
const BARE_BODY = {
  operation_id: 'op_dummy_20250101_000000_0a1b2c3d',
  operation_type: 'dummy',
  status: 'completed',
  created_at: '2025-01-01T00:00:00.000Z',
  started_at: '2025-01-01T00:00:00.002Z',
  completed_at: '2025-01-01T00:00:00.012Z',
  updated_at: '2025-01-01T00:00:00.012Z',
  metadata: { parameters: { steps: 3, step_ms: 1 } },
  progress: {
    seq: 4,
    percentage: 100,
    message: 'run: 3/3 (100%)',
    step_name: 'run',
    steps_completed: 0,
    steps_total: 1,
    items_processed: 3,
    items_total: 3,
    current_item: 'step 3',
    eta_seconds: 0,
    context: { step: 3 },
    updated_at: '2025-01-01T00:00:00.011Z',
  },
  result: { steps_completed: 3, elapsed_ms: 9 },
  error: null,
  cancellation: null,
  retry_of: null,
} as const;

/** Bench-only routes, mounted next to the real API in the bench server. */
@Controller('bench')
export class BenchController {
  constructor(
    private readonly launcher: OperationLauncher,
    private readonly gate: FirehoseGate,
    private readonly loopDelay: LoopDelayMonitor,
  ) {}

  /** The baseline route: the same Nest pipeline (guard, pipes, filter), a constant body. */
  @Get('bare')
  bare(): typeof BARE_BODY {
    return BARE_BODY;
  }

  /** The event-loop delay of this server over the next `ms` milliseconds (idle baseline). */
  @Get('loop-delay')
  async loopDelayOver(@Query('ms', ParseIntPipe) ms: number): Promise<LoopDelayStats> {
    this.loopDelay.reset();
    await sleep(ms);
    return this.loopDelay.read();
  }

  /** Launches a firehose operation; it waits for `POST /bench/firehose/:id/go`. */
  @Post('firehose')
  @HttpCode(HttpStatus.ACCEPTED)
  async firehose(@Body() params: FirehoseParamsDto): Promise<{ operation_id: string }> {
    const operation = await this.launcher.launch({
      operation_type: FIREHOSE_OPERATION_TYPE,
      params: { ...params },
    });
    return { operation_id: operation.operation_id };
  }

  @Post('firehose/:id/go')
  @HttpCode(HttpStatus.NO_CONTENT)
  go(@Param('id') id: string): void {
    this.gate.open(id);
  }
}
