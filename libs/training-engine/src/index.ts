// Public face of @ktrdr/training-engine (Nest-free): strategy files, features, labels, the MLP on
// TensorFlow.js, training in a worker thread, the on-disk model registry and predictions.

export { TrainingEngineError, TrainingEngineErrorCode, NoTrainingDataError } from './errors';
export {
  type StrategyProblem,
  type Strategy,
  type StrategyParseResult,
  type IndicatorSpec,
  type IndicatorType,
  type FuzzySetSpec,
  type FuzzySetType,
  type ModelSpec,
  type Activation,
  type OptimizerName,
  INDICATOR_TYPES,
  FUZZY_SET_TYPES,
} from './strategy/strategy.types';
export {
  parseStrategy,
  type ParseStrategyOptions,
  STRATEGY_NAME_PATTERN,
} from './strategy/strategy-parser';
export { DEFAULT_SEED } from './strategy/model-sections';
export {
  StrategyCatalog,
  type StrategyListEntry,
  type StrategyFile,
  StrategyNotFoundError,
  InvalidStrategyNameError,
  InvalidStrategyError,
} from './strategy/strategy-catalog';
export {
  type BackendName,
  type SeriesBars,
  type TrainingJobRequest,
  type TrainingPhase,
  type TrainingEvent,
  type EpochEvent,
  type TrainingMetrics,
  type TestMetrics,
  type ClassMetrics,
  type TrainingJobResult,
  type RunTrainingOptions,
  type PredictionResult,
  type SignalClass,
  SIGNAL_CLASSES,
} from './engine.types';
export { warmupBars } from './features/warmup';
export {
  runTrainingInWorker,
  TrainingCancelledError,
  TrainingWorkerError,
} from './worker/run-training-in-worker';
export {
  type ModelVersionDetail,
  type ModelVersionInfo,
  type PublishModelInput,
} from './store/model-store.types';
export { ModelStore, ModelNotFoundError, InvalidModelVersionError } from './store/model-store';
export { predictWithModel } from './store/predict-with-model';
// Wire types of the training host service (apps/training-host ↔ the API's HostSessionManager).
export {
  TRAINING_SESSION_STATUSES,
  isFinalTrainingSessionStatus,
  type TrainingSessionStatus,
  type CreateTrainingSessionRequest,
  type CreateTrainingSessionResponse,
  type TrainingSessionPhase,
  type TrainingSessionProgress,
  type EpochMetrics,
  type TrainingSessionResourceUsage,
  type TrainingSessionError,
  type TrainingSessionInfo,
  type TrainingSessionEvent,
  type StopTrainingSessionResponse,
  type ArtifactManifestEntry,
  type TrainingSessionResult,
  type TrainingHostHealth,
} from './host-api/training-host-api.types';
export {
  EXECUTION_MODES,
  type ExecutionMode,
  type StartTrainingRequest,
  type TrainingResult,
  type TrainingPartialResult,
  type TrainingProgressContext,
  type StrategySummary,
  type StrategyDetail,
  type StrategyValidation,
  type ModelList,
  type PredictRequest,
  type PredictResponse,
} from './api/training-api.types';

// Building blocks (the training host and the benchmarks use them directly).
export {
  type TimeframeBars,
  type FeatureFrame,
  buildFeatures,
  featureNames,
} from './features/feature-builder';
export { type Dataset, type DataPart, buildDataset } from './dataset/dataset-builder';
export { zigzagLabels } from './dataset/zigzag-labeller';
export {
  type SelectedBackend,
  BACKEND_ORDER,
  BackendUnavailableError,
  selectBackend,
} from './model/backend';
export { buildMlp } from './model/mlp-model';
export { type TrainOptions, trainModel } from './model/model-trainer';
export {
  BATCH_EVENT_MIN_MS,
  type JobHooks,
  type ModelConfig,
  runTrainingJob,
} from './worker/training-job';
export { DEFAULT_RESOURCE_LIMITS } from './worker/run-training-in-worker';
