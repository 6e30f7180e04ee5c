import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Timeframe } from '@ktrdr/market-data';
import { NoTrainingDataError } from '../errors';
import type {
  SeriesBars,
  TrainingEvent,
  TrainingJobRequest,
  TrainingJobResult,
} from '../engine.types';
import { buildDataset } from '../dataset/dataset-builder';
import { buildFeatures, type FeatureFrame, type TimeframeBars } from '../features/feature-builder';
import { selectBackend } from '../model/backend';
import { classificationMetrics } from '../model/classification-metrics';
import { buildMlp } from '../model/mlp-model';
import { saveModel } from '../model/model-files';
import { StopRequested, evaluateLoss, trainModel, warmUp } from '../model/model-trainer';
import type { Strategy } from '../strategy/strategy.types';

/**
 * Zero-batch steps run before the timed loop: on the wasm backend the first epoch is otherwise
 * several times slower than the later ones (measured: 200 steps bring it in line).
 */
const WARM_UP_STEPS = 200;

/** Artifact files besides the tfjs model. */
export const CONFIG_JSON = 'config.json';
export const METRICS_JSON = 'metrics.json';
export const METADATA_JSON = 'metadata.json';

/** What `config.json` holds: enough to rebuild the features and load the model. */
export interface ModelConfig {
  strategy: Strategy;
  feature_names: string[];
  input_size: number;
  seed: number;
  backend: string;
}

export interface JobHooks {
  shouldStop: () => boolean;
  onEvent: (event: TrainingEvent) => void;
  batchEventEvery?: number;
  /** Default {@link BATCH_EVENT_MIN_MS}. */
  batchEventMinMs?: number;
}

/**
 * At most one batch event per 100 ms (besides each epoch's first and last): the receiver (the
 * API's event loop, the host's SSE) gets ≤ 10 a second however fast the batches are.
 */
export const BATCH_EVENT_MIN_MS = 100;

/**
 * The whole pipeline in the current thread: features, labels, split, train, evaluate, write
 * artifacts into `request.outputDir`. Throws {@link StopRequested} when stopped.
 */
export async function runTrainingJob(
  request: TrainingJobRequest,
  hooks: JobHooks,
): Promise<TrainingJobResult> {
  const { strategy } = request;
  const seed = request.seed ?? strategy.model.training.seed;
  const { backend, gpu_name } = await selectBackend(request.backend);
  hooks.onEvent({ type: 'backend', backend, gpu_name });
  const checkpoint = (): void => {
    if (hooks.shouldStop()) throw new StopRequested([]);
  };
  hooks.onEvent({ type: 'phase', phase: 'features' });
  const frames = featureFrames(strategy, request.series);
  const data = buildDataset(strategy, frames);
  checkpoint();
  const model = buildMlp(strategy.model, data.featureCount, seed);
  try {
    // Still in the features phase: the timed loop then starts warm (a representative first rate).
    const batches = Math.ceil(data.train.rows / strategy.model.training.batch_size);
    warmUp(model, strategy.model.training, data.featureCount, Math.min(WARM_UP_STEPS, batches));
    checkpoint();
    hooks.onEvent({ type: 'phase', phase: 'training' });
    const { metrics: training_metrics, history } = await trainModel(
      model,
      data,
      strategy.model.training,
      {
        seed,
        shouldStop: hooks.shouldStop,
        onEvent: hooks.onEvent,
        ...(hooks.batchEventEvery !== undefined && { batchEventEvery: hooks.batchEventEvery }),
        batchEventMinMs: hooks.batchEventMinMs ?? BATCH_EVENT_MIN_MS,
      },
    );
    hooks.onEvent({ type: 'phase', phase: 'evaluating' });
    const test = evaluateLoss(model, data.test, data.featureCount);
    const test_metrics = classificationMetrics(data.test.y, test.predicted, test.loss);
    checkpoint();
    hooks.onEvent({ type: 'phase', phase: 'saving' });
    const feature_names = frames[0]!.names;
    const modelFiles = await saveModel(model, request.outputDir);
    const config: ModelConfig = {
      strategy,
      feature_names,
      input_size: data.featureCount,
      seed,
      backend,
    };
    const result: TrainingJobResult = {
      training_metrics,
      test_metrics,
      backend,
      gpu_name,
      peak_memory_mb: Math.round(process.memoryUsage().rss / 1048576),
      seed,
      feature_names,
      input_size: data.featureCount,
      files: [...modelFiles, CONFIG_JSON, METRICS_JSON, METADATA_JSON],
    };
    const metadata = {
      strategy: strategy.name,
      symbols: [...new Set(request.series.map((s) => s.symbol))],
      timeframes: strategy.training_data.timeframes,
      rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
      created_at: new Date().toISOString(),
      backend,
      gpu_name,
      seed,
    };
    const write = (name: string, value: unknown): Promise<void> =>
      writeFile(path.join(request.outputDir, name), `${JSON.stringify(value, null, 2)}\n`);
    await write(CONFIG_JSON, config);
    const epoch_history = history.map(({ type: _type, ...epoch }) => epoch);
    await write(METRICS_JSON, { training_metrics, test_metrics, epoch_history });
    await write(METADATA_JSON, metadata);
    return result;
  } finally {
    model.dispose();
  }
}

/** One feature frame per symbol, from its series on every strategy timeframe. */
export function featureFrames(strategy: Strategy, series: SeriesBars[]): FeatureFrame[] {
  const bySymbol = new Map<string, Map<Timeframe, TimeframeBars>>();
  for (const s of series) {
    const m = bySymbol.get(s.symbol) ?? new Map<Timeframe, TimeframeBars>();
    m.set(s.timeframe, s.bars);
    bySymbol.set(s.symbol, m);
  }
  if (bySymbol.size === 0) throw new NoTrainingDataError('no bars given');
  return [...bySymbol].map(([symbol, bars]) => {
    for (const tf of strategy.training_data.timeframes) {
      if (!bars.get(tf)?.t.length) throw new NoTrainingDataError(`no ${tf} bars for ${symbol}`);
    }
    return buildFeatures(strategy, bars);
  });
}
