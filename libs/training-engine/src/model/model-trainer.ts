import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset, DataPart } from '../dataset/dataset-builder';
import type { EpochEvent, TrainingEvent, TrainingMetrics } from '../engine.types';
import type { ModelSpec } from '../strategy/strategy.types';
import { batchTensors } from './batch-tensors';
import { FlatOptimizer } from './flat-optimizer';
import {
  CLASS_COUNT,
  createOptimizer,
  crossEntropy,
  softmaxCrossEntropy,
  trainingLogits,
} from './mlp-model';
import { SeededRandom } from './seeded-random';

/** Thrown inside the loop when `shouldStop` answers true (at a batch end or between epochs). */
export class StopRequested extends Error {
  constructor(readonly history: EpochEvent[]) {
    super('stop requested');
  }
}

export interface TrainOptions {
  seed: number;
  /** Read at every batch end. */
  shouldStop: () => boolean;
  onEvent: (event: TrainingEvent) => void;
  /** Batch events: the first and last of each epoch and every Nth (default 10). */
  batchEventEvery?: number;
  /**
   * And of those every-Nth ones, only one at least this long after the previous batch event
   * (default 0): throttled at the source, so fast batches cost the receiver nothing.
   */
  batchEventMinMs?: number;
}

/**
 * A custom epoch/batch loop (not `model.fit`): seeded batch order and dropout masks, a stop
 * check at every batch end, and early stopping that restores the best epoch's weights.
 */
export async function trainModel(
  model: tfl.LayersModel,
  data: Dataset,
  spec: ModelSpec['training'],
  options: TrainOptions,
): Promise<{ metrics: TrainingMetrics; history: EpochEvent[] }> {
  const started = performance.now();
  const rng = new SeededRandom(options.seed);
  const optimizer = flatOptimizer(model, spec);
  const { train } = data;
  const batches = Math.ceil(train.rows / spec.batch_size);
  const every = options.batchEventEvery ?? 10;
  const minGapMs = options.batchEventMinMs ?? 0;
  let lastEventAt = Number.NEGATIVE_INFINITY;
  const history: EpochEvent[] = [];
  const es = spec.early_stopping;
  const better = (a: EpochEvent, b: EpochEvent): boolean =>
    es?.monitor === 'val_accuracy' ? a.val_accuracy > b.val_accuracy : a.val_loss < b.val_loss;
  let best: { epoch: EpochEvent; weights: tf.Tensor[] } | undefined;
  let sinceBest = 0;
  const order = Uint32Array.from({ length: train.rows }, (_, i) => i);
  try {
    for (let epoch = 1; epoch <= spec.epochs; epoch++) {
      rng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        const from = b * spec.batch_size;
        const to = Math.min(train.rows, from + spec.batch_size);
        const dropoutSeed = rng.nextInt();
        const [loss, hits] = tf.tidy(() => {
          const { x, y } = batchTensors(train, data.featureCount, order, from, to);
          const predicted = trainStep(model, optimizer, x, y, dropoutSeed);
          let right = 0;
          for (let r = 0; r < to - from; r++)
            if (predicted.classes[r] === train.y[order[from + r]!]) right++;
          return [predicted.loss, right];
        });
        lossSum += loss * (to - from);
        correct += hits;
        const edge = b === 0 || b === batches - 1;
        if (
          (edge || (b + 1) % every === 0) &&
          (edge || performance.now() - lastEventAt >= minGapMs)
        ) {
          lastEventAt = performance.now();
          options.onEvent({
            type: 'batch',
            epoch,
            epochs: spec.epochs,
            batch: b + 1,
            batches,
            loss,
            accuracy: hits / (to - from),
            at: Date.now(),
          });
        }
        if (options.shouldStop()) throw new StopRequested(history);
      }
      const val = evaluateLoss(model, data.validation, data.featureCount);
      const event: EpochEvent = {
        type: 'epoch',
        epoch,
        epochs: spec.epochs,
        train_loss: lossSum / train.rows,
        val_loss: val.loss,
        train_accuracy: correct / train.rows,
        val_accuracy: val.accuracy,
      };
      history.push(event);
      options.onEvent(event);
      if (!best || better(event, best.epoch)) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch: event, weights: model.getWeights().map((w) => tf.clone(w)) };
        sinceBest = 0;
      } else if (es && ++sinceBest >= es.patience) {
        break;
      }
      if (options.shouldStop()) throw new StopRequested(history);
      await new Promise<void>((resolve) => setImmediate(resolve)); // let messages through
    }
    const last = history[history.length - 1]!;
    const kept = es && best ? best.epoch : last;
    if (es && best) model.setWeights(best.weights);
    return {
      history,
      metrics: {
        final_train_loss: kept.train_loss,
        final_val_loss: kept.val_loss,
        final_train_accuracy: kept.train_accuracy,
        final_val_accuracy: kept.val_accuracy,
        epochs_completed: history.length,
        best_epoch: kept.epoch,
        early_stopped: history.length < spec.epochs,
        training_time_ms: performance.now() - started,
      },
    };
  } finally {
    best?.weights.forEach((w) => w.dispose());
    optimizer.dispose();
  }
}

/** The optimizer of the strategy over the model's trainable weights, as one flat vector. */
function flatOptimizer(model: tfl.LayersModel, spec: ModelSpec['training']): FlatOptimizer {
  const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return new FlatOptimizer(createOptimizer(spec), weights);
}

/**
 * One optimizer step on a batch: its loss and each row's predicted class (the argmax of the
 * logits: the softmax keeps the order), compared with the labels on this side, so the only
 * kernels are the step's own.
 */
function trainStep(
  model: tfl.LayersModel,
  optimizer: FlatOptimizer,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  dropoutSeed: number,
): { loss: number; classes: Int32Array } {
  let classes: tf.Tensor | undefined;
  const cost = optimizer.minimize(() => {
    const logits = trainingLogits(model, x, dropoutSeed);
    classes = tf.keep(tf.argMax(logits, 1));
    return softmaxCrossEntropy(logits, y);
  });
  try {
    return { loss: cost.dataSync()[0]!, classes: classes!.dataSync() as Int32Array };
  } finally {
    classes?.dispose();
  }
}

/**
 * Runs `steps` training steps and predictions on zero batches with a throwaway optimizer, then
 * puts the model's weights back exactly: the backend's kernels and the JIT are warm when the
 * timed loop starts (so its first epoch's rate is representative) and the trained result is
 * unchanged.
 */
export function warmUp(
  model: tfl.LayersModel,
  spec: ModelSpec['training'],
  featureCount: number,
  steps: number,
): void {
  const saved = model.getWeights().map((w) => tf.clone(w));
  const optimizer = flatOptimizer(model, spec);
  try {
    tf.tidy(() => {
      const x = tf.zeros<tf.Rank.R2>([spec.batch_size, featureCount]);
      const y = tf.oneHot(
        tf.zeros<tf.Rank.R1>([spec.batch_size], 'int32'),
        CLASS_COUNT,
      ) as tf.Tensor2D;
      for (let i = 0; i < steps; i++) {
        tf.tidy(() => {
          trainStep(model, optimizer, x, y, i);
          (model.predict(x) as tf.Tensor).dataSync();
        });
      }
    });
    model.setWeights(saved);
  } finally {
    saved.forEach((w) => w.dispose());
    optimizer.dispose();
  }
}

/** Loss and accuracy without dropout, in chunks. */
export function evaluateLoss(
  model: tfl.LayersModel,
  part: DataPart,
  featureCount: number,
): { loss: number; accuracy: number; predicted: Uint8Array; probabilities: Float32Array } {
  const predicted = new Uint8Array(part.rows);
  const probabilities = new Float32Array(part.rows * 3);
  let lossSum = 0;
  const CHUNK = 8192;
  for (let from = 0; from < part.rows; from += CHUNK) {
    const to = Math.min(part.rows, from + CHUNK);
    lossSum += tf.tidy(() => {
      const { x, y } = batchTensors(part, featureCount, null, from, to);
      const p = model.predict(x) as tf.Tensor;
      probabilities.set(p.dataSync(), from * 3);
      predicted.set(tf.argMax(p, 1).dataSync(), from);
      return crossEntropy(p, y).dataSync()[0]! * (to - from);
    });
  }
  let correct = 0;
  for (let i = 0; i < part.rows; i++) if (predicted[i] === part.y[i]) correct++;
  return { loss: lossSum / part.rows, accuracy: correct / part.rows, predicted, probabilities };
}
