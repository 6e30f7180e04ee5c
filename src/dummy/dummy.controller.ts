import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { OperationLauncher, type OperationStatus } from '@ktrdr/operations';
import type { DummyParams } from './dummy.operation';
import { StartDummyDto } from './dto/start-dummy.dto';

/** Starts dummy operations; progress, cancel and results go through the operations routes. */
@Controller('operations/dummy')
export class DummyController {
  constructor(private readonly launcher: OperationLauncher) {}

  /** 202 at once with the new operation's id: the work runs in the background. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async start(
    @Body() dto: StartDummyDto,
  ): Promise<{ operation_id: string; status: OperationStatus }> {
    const params: DummyParams = { steps: dto.steps, step_ms: dto.step_ms };
    if (dto.fail_at_step !== undefined) params.fail_at_step = dto.fail_at_step;
    const operation = await this.launcher.launch({
      operation_type: 'dummy',
      params,
      metadata: { parameters: { ...params } },
    });
    return { operation_id: operation.operation_id, status: operation.status };
  }
}
