import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@ktrdr/http-kit';
import { StartedOperationDto } from '../../operations';
import { StartTrainingDto } from '../dto/start-training.dto';
import { TrainingService } from '../training.service';

/** Starts trainings; progress, cancel and results go through the operations routes. */
@ApiTags('training')
@Controller('trainings')
export class TrainingsController {
  constructor(private readonly training: TrainingService) {}

  /** 202 with the operation's id; a bad request is a 4xx and creates no operation. */
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a training operation' })
  @ApiAcceptedResponse({ description: 'Started; follow it by its id', type: StartedOperationDto })
  @ApiErrorResponses({
    400: 'A bad body; nothing started (VALIDATION_FAILED, INVALID_JSON, INVALID_STRATEGY_NAME, INVALID_SYMBOL, INVALID_TIMEFRAME, INVALID_DATE_RANGE, TRAINING_HOST_NOT_CONFIGURED)',
    404: 'No strategy file has this name (STRATEGY_NOT_FOUND)',
    422: 'The strategy has problems, each with its path in `details.problems` (INVALID_STRATEGY)',
    503: 'The API is shutting down (SHUTTING_DOWN)',
  })
  start(@Body() dto: StartTrainingDto): ReturnType<TrainingService['startTraining']> {
    return this.training.startTraining(dto);
  }
}
