export { TrainingModule } from './training.module';
export { TrainingApiModule } from './api/training-api.module';
export { TrainingService } from './training.service';
export { ModelsService } from './models.service';
export { TrainingOperation } from './training.operation';
export { TrainingProgressRenderer } from './training-progress.renderer';
export { TrainingProgressBridge } from './training-progress.bridge';
export { aggregateTrainingResult, type EngineOutcome } from './training-result.aggregator';
export { type TrainingOperationContext, freezeTrainingContext } from './training-operation.context';
export {
  TRAINING_OPERATION,
  TRAINING_STEPS,
  TRAINING_TUNING,
  MODEL_STORE,
  STRATEGY_CATALOG,
  type TrainingTuning,
} from './training.constants';
export { TrainingErrorCode, TrainingError } from './training.errors';
