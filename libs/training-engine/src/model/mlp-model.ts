import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelSpec } from '../strategy/strategy.types';

/** Output classes: BUY, HOLD, SELL. */
export const CLASS_COUNT = 3;

/**
 * The MLP: dense → activation → dropout per hidden layer, softmax over 3 classes. Kernels are
 * initialised from `seed` (one derived seed per layer). Dropout layers carry no seed: the
 * training loop applies dropout itself with a fresh seeded mask per batch (a fixed layer seed
 * would reuse one mask for every batch); at inference they are identity.
 */
export function buildMlp(spec: ModelSpec, inputSize: number, seed: number): tfl.LayersModel {
  const model = tfl.sequential();
  spec.architecture.hidden_layers.forEach((units, i) => {
    model.add(
      tfl.layers.dense({
        units,
        activation: spec.architecture.activation,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 && { inputShape: [inputSize] }),
      }),
    );
    if (spec.architecture.dropout > 0) {
      model.add(tfl.layers.dropout({ rate: spec.architecture.dropout }));
    }
  });
  model.add(
    tfl.layers.dense({
      units: CLASS_COUNT,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1000 }),
    }),
  );
  return model;
}

/** The optimizer named in the strategy. */
export function createOptimizer(spec: ModelSpec['training']): tf.Optimizer {
  const lr = spec.learning_rate;
  switch (spec.optimizer) {
    case 'adam':
      return tf.train.adam(lr);
    case 'sgd':
      return tf.train.sgd(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    default: {
      const never: never = spec.optimizer;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}

/** Dense activations tfjs can fuse into the matMul and differentiate there. */
const FUSABLE = new Set(['relu', 'linear']);

/**
 * Forward pass for training, up to the logits (the output layer's softmax is left to the loss,
 * {@link softmaxCrossEntropy}): the model's layers in order, each dense layer one fused
 * matMul + bias (+ relu) kernel where tfjs can differentiate it (fewer ops per batch, which is
 * what a small batch's time is made of), dropout applied with `dropoutSeed` (so masks differ
 * per batch yet repeat run to run).
 */
export function trainingLogits(
  model: tfl.LayersModel,
  x: tf.Tensor,
  dropoutSeed: number,
): tf.Tensor2D {
  let h = x as tf.Tensor2D;
  const last = model.layers.length - 1;
  model.layers.forEach((layer, i) => {
    if (layer.getClassName() === 'Dropout') {
      const rate = (layer.getConfig() as { rate: number }).rate;
      h = tf.dropout(h, rate, undefined, dropoutSeed + i) as tf.Tensor2D;
      return;
    }
    const configured = (layer.getConfig() as { activation?: string }).activation ?? 'linear';
    const activation = i === last ? 'linear' : configured;
    if (!FUSABLE.has(activation)) {
      h = layer.apply(h) as tf.Tensor2D;
      return;
    }
    const [kernel, bias] = layer.weights.map((w) => w.read());
    h = tf.fused.matMul({
      a: h,
      b: kernel as tf.Tensor2D,
      ...(bias !== undefined && { bias }),
      activation: activation as 'relu' | 'linear',
    }) as tf.Tensor2D;
  });
  return h;
}

/**
 * Mean softmax cross-entropy of logits against one-hot targets, in the stable log-softmax form,
 * with its gradient written out: `(softmax − targets) / rows`. One tape entry and a dozen
 * kernels where tfjs's `losses.softmaxCrossEntropy` (weighted-loss reduction around its own
 * custom gradient) runs about twice as many, forward and backward, on every batch.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  const rows = logits.shape[0];
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const logP = tf.logSoftmax(z);
    save([logP]);
    return {
      value: tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(oneHot, logP))), rows),
      gradFunc: (dy, [saved]) => tf.mul(tf.sub(tf.exp(saved!), oneHot), tf.div(dy, rows)),
    };
  });
  return loss(logits);
}

/** Mean categorical cross-entropy of softmax outputs against one-hot targets. */
export function crossEntropy(probabilities: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(clipped)), -1))) as tf.Scalar;
  });
}
