import type {
  ExecutionMode,
  ModelVersionInfo,
  TrainingJobResult,
  TrainingResult,
} from '@ktrdr/training-engine';
import type { TrainingOperationContext } from './training-operation.context';

/** The engine's part of a finished run, wherever it ran (the worker, or the training host). */
export type EngineOutcome = Pick<
  TrainingJobResult,
  'training_metrics' | 'test_metrics' | 'backend' | 'gpu_name' | 'peak_memory_mb' | 'seed'
>;

/** What {@link aggregateTrainingResult} combines. */
export interface AggregateInput {
  outcome: EngineOutcome;
  venue: ExecutionMode;
  operationId: string;
  /** The training host's session, on the host venue. */
  sessionId?: string;
  context: TrainingOperationContext;
  /** The version published in the model store. */
  model: ModelVersionInfo;
}

/**
 * The one place the training result is built, for both venues (training.md, "One result
 * schema"): the same fields whether the engine ran in a worker here or on the training host.
 */
export function aggregateTrainingResult(input: AggregateInput): TrainingResult {
  const { outcome, context, model } = input;
  return {
    training_metrics: { ...outcome.training_metrics },
    test_metrics: structuredClone(outcome.test_metrics),
    resource_usage: {
      training_mode: input.venue,
      backend: outcome.backend,
      gpu_used: outcome.backend === 'tensorflow-gpu' && outcome.gpu_name !== null,
      gpu_name: outcome.gpu_name,
      peak_memory_mb: outcome.peak_memory_mb,
    },
    artifacts: { model_path: model.path, model_version: model.version },
    session_info: {
      operation_id: input.operationId,
      session_id: input.sessionId ?? null,
      strategy_name: context.strategy_name,
      symbols: [...context.symbols],
      timeframes: [...context.timeframes],
    },
    seed: outcome.seed,
  };
}
