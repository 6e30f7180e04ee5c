import * as tf from '@tensorflow/tfjs-core';

/**
 * A tfjs optimizer applied to several variables as one flat vector: the gradients are
 * concatenated, the optimizer updates one flat copy of the weights (its moments are flat too),
 * and the result is split back into the variables. The arithmetic is elementwise, so every
 * weight gets exactly the update the optimizer would give it variable by variable; what changes
 * is the number of kernels per step (Adam: ~13 per variable, here ~13 in all plus a concat and a
 * split), which is most of a small batch's time on a fast backend.
 */
export class FlatOptimizer {
  private readonly flat: tf.Variable;
  private readonly sizes: number[];

  constructor(
    private readonly optimizer: tf.Optimizer,
    private readonly weights: tf.Variable[],
  ) {
    this.sizes = weights.map((w) => w.size);
    this.flat = tf.tidy(() => tf.concat(weights.map((w) => tf.reshape(w, [-1]))).variable(false));
  }

  /**
   * Minimizes `f` over the weights; returns its value (the caller disposes it). Like
   * `tf.Optimizer.minimize(f, true, weights)`.
   */
  minimize(f: () => tf.Scalar): tf.Scalar {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(f, this.weights);
      const flatGrad = tf.concat(this.weights.map((w) => tf.reshape(grads[w.name]!, [-1])));
      this.optimizer.applyGradients([{ name: this.flat.name, tensor: flatGrad }]);
      const parts = tf.split(this.flat, this.sizes);
      this.weights.forEach((w, i) => w.assign(tf.reshape(parts[i]!, w.shape)));
      return value;
    });
  }

  /** Frees the flat copy and the optimizer's state. */
  dispose(): void {
    this.flat.dispose();
    this.optimizer.dispose();
  }
}
