import { Module } from '@nestjs/common';
import { TrainingModule } from '../training.module';
import { ModelsController } from './models.controller';
import { StrategiesController } from './strategies.controller';
import { TrainingsController } from './trainings.controller';

/** The training REST routes (the API only; a worker imports {@link TrainingModule}). */
@Module({
  imports: [TrainingModule],
  controllers: [TrainingsController, StrategiesController, ModelsController],
})
export class TrainingApiModule {}
