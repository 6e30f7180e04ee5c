import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Dataset, DataPart } from '../dataset/dataset-builder';
import type { ModelSpec } from '../strategy/strategy.types';
import { classificationMetrics } from './classification-metrics';
import { buildMlp } from './mlp-model';
import { StopRequested, evaluateLoss, trainModel, warmUp } from './model-trainer';
import { SeededRandom } from './seeded-random';

function part(rows: number, features: number, seed: number): DataPart {
  const rng = new SeededRandom(seed);
  const x = Float32Array.from({ length: rows * features }, () => rng.next());
  const y = Uint8Array.from({ length: rows }, () => Math.floor(rng.next() * 3));
  return { x, y, rows };
}

// Random labels: the model can only memorise, so validation loss gets worse after a while.
const data: Dataset = {
  featureCount: 6,
  train: part(96, 6, 1),
  validation: part(64, 6, 2),
  test: part(64, 6, 3),
};

const spec: ModelSpec = {
  type: 'mlp',
  architecture: { hidden_layers: [32], activation: 'relu', dropout: 0.2 },
  features: { lookback_periods: 0 },
  training: {
    epochs: 60,
    batch_size: 16,
    learning_rate: 0.05,
    optimizer: 'adam',
    seed: 42,
    early_stopping: { patience: 3, monitor: 'val_loss' },
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function train(seed: number, s: ModelSpec = spec) {
  const model = buildMlp(s, data.featureCount, seed);
  const events: string[] = [];
  const out = await trainModel(model, data, s.training, {
    seed,
    shouldStop: () => false,
    onEvent: (e) =>
      events.push(
        e.type === 'batch' ? `b${e.epoch}.${e.batch}` : `e${(e as { epoch: number }).epoch}`,
      ),
  });
  return { model, events, ...out };
}

describe('trainModel', () => {
  it("early stopping restores the best epoch's weights", async () => {
    const { model, metrics, history } = await train(42);
    expect(metrics.early_stopped).toBe(true);
    const bestLoss = Math.min(...history.map((h) => h.val_loss));
    expect(metrics.best_epoch).toBe(history.findIndex((h) => h.val_loss === bestLoss) + 1);
    expect(metrics.best_epoch).toBeLessThan(metrics.epochs_completed);
    expect(metrics.epochs_completed).toBe(metrics.best_epoch + 3);
    expect(metrics.final_val_loss).toBe(bestLoss);
    // the model now holds those weights: its validation loss is the best, not the last
    expect(evaluateLoss(model, data.validation, 6).loss).toBeCloseTo(bestLoss, 5);
    expect(history.at(-1)!.val_loss).toBeGreaterThan(bestLoss);
    model.dispose();
  });

  it('warmUp leaves the weights and the seeded training exactly as they were', async () => {
    const cold = await train(7);
    const model = buildMlp(spec, data.featureCount, 7);
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    warmUp(model, spec.training, data.featureCount, 3);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    const warm = await trainModel(model, data, spec.training, {
      seed: 7,
      shouldStop: () => false,
      onEvent: () => undefined,
    });
    expect(warm.history).toEqual(cold.history);
    [cold.model, model].forEach((m) => m.dispose());
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const a = await train(7);
    const b = await train(7);
    const c = await train(8);
    expect(b.history).toEqual(a.history);
    expect(c.history).not.toEqual(a.history);
    [a, b, c].forEach((r) => r.model.dispose());
  });

  it('sends the first, every 10th and the last batch of each epoch, and every epoch', async () => {
    const { events, model } = await train(1, {
      ...spec,
      training: { ...spec.training, epochs: 2, early_stopping: undefined },
    });
    expect(events).toEqual(['b1.1', 'b1.6', 'e1', 'b2.1', 'b2.6', 'e2']);
    model.dispose();
  });

  it('throttles the every-Nth batch events by time at the source, never the first or last', async () => {
    const model = buildMlp(spec, 6, 1);
    const sent = (minMs: number) => {
      const batches: number[] = [];
      return trainModel(
        model,
        data,
        { ...spec.training, epochs: 1, early_stopping: undefined },
        {
          seed: 1,
          shouldStop: () => false,
          onEvent: (e) => {
            if (e.type === 'batch') batches.push(e.batch);
          },
          batchEventEvery: 1,
          batchEventMinMs: minMs,
        },
      ).then(() => batches);
    };
    expect(await sent(0)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sent(60_000)).toEqual([1, 6]);
    model.dispose();
  });

  it('stops at the batch end where shouldStop turns true, with the history so far', async () => {
    const model = buildMlp(spec, 6, 1);
    let batches = 0;
    const err: unknown = await trainModel(model, data, spec.training, {
      seed: 1,
      shouldStop: () => batches >= 9,
      onEvent: (e) => {
        if (e.type === 'batch') batches++;
      },
      batchEventEvery: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StopRequested);
    expect((err as StopRequested).history).toHaveLength(1);
    expect(batches).toBe(9);
    model.dispose();
  });
});

describe('classificationMetrics', () => {
  it('computes per-class, weighted and the confusion matrix', () => {
    const actual = Uint8Array.from([0, 0, 0, 1, 1, 2]);
    const predicted = Uint8Array.from([0, 0, 1, 1, 0, 1]);
    const m = classificationMetrics(actual, predicted, 0.5);
    expect(m.confusion_matrix).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(m.accuracy).toBeCloseTo(3 / 6);
    expect(m.per_class.BUY).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
    expect(m.per_class.SELL).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.per_class.HOLD.precision).toBeCloseTo(1 / 3);
    expect(m.recall).toBeCloseTo((3 / 6) * (2 / 3) + (2 / 6) * 0.5);
  });
});
