import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { StartTrainingDto } from '../dto/start-training.dto';
import { TrainingService } from '../training.service';

/** Starts trainings; progress, cancel and results go through the operations routes. */
@Controller('trainings')
export class TrainingsController {
  constructor(private readonly training: TrainingService) {}

  /** 202 with the operation's id; a bad request is a 4xx and creates no operation. */
  @Post()
  @HttpCode(202)
  start(@Body() dto: StartTrainingDto): ReturnType<TrainingService['startTraining']> {
    return this.training.startTraining(dto);
  }
}
