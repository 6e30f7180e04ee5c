import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import { OperationLauncher, type OperationStatus } from '@ktrdr/operations';
import { StartedOperationDto } from '../operations';
import type { DummyParams } from './dummy.operation';
import { StartDummyDto } from './dto/start-dummy.dto';

/** Starts dummy operations; progress, cancel and results go through the operations routes. */
@ApiTags('operations')
@Controller('operations/dummy')
export class DummyController {
  constructor(private readonly launcher: OperationLauncher) {}

  /** 202 at once with the new operation's id: the work runs in the background. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start the reference operation (steps of step_ms each)' })
  @ApiAcceptedResponse({ description: 'Started; follow it by its id', type: StartedOperationDto })
  @ApiErrorResponses({
    400: 'A bad body (VALIDATION_FAILED, INVALID_JSON)',
    503: 'The API is shutting down (SHUTTING_DOWN)',
  })
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
