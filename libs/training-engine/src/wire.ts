// The JSON of the training API (training.md), types only: the dashboard (web/tsconfig.json)
// maps `@ktrdr/training-engine` here, so the page reads the server's own types and no Node code.
export type {
  ExecutionMode,
  ModelList,
  PredictRequest,
  PredictResponse,
  StartTrainingRequest,
  StrategySummary,
  TrainingProgressContext,
} from './api/training-api.types';
export type { ClassMetrics, SignalClass, TestMetrics, TrainingMetrics } from './engine.types';
export type { EpochMetrics, ModelVersionDetail, ModelVersionInfo } from './store/model-store.types';
export type { StrategyProblem } from './strategy/strategy.types';
