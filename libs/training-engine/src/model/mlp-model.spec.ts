import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Registers tfjs-core's gradients (as the engine's model code does).
import '@tensorflow/tfjs-layers';
import { softmaxCrossEntropy } from './mlp-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('softmaxCrossEntropy', () => {
  it("gives tfjs's softmax cross-entropy and its gradient, stably for large logits", () => {
    const logits = tf.tensor2d([2, -1, 0.5, 0.1, 0.2, 0.3, -3, 4, 1, 80, -60, 5], [4, 3]);
    const oneHot = tf.tensor2d([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0], [4, 3]);
    const ours = tf.valueAndGrad((z: tf.Tensor) => softmaxCrossEntropy(z as tf.Tensor2D, oneHot));
    const theirs = tf.valueAndGrad((z: tf.Tensor) =>
      tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(oneHot, z),
    );
    const a = ours(logits);
    const b = theirs(logits);
    expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0]!, 5);
    expect(Number.isFinite(a.value.dataSync()[0])).toBe(true);
    const ga = Array.from(a.grad.dataSync());
    Array.from(b.grad.dataSync()).forEach((g, i) => expect(ga[i]).toBeCloseTo(g, 6));
    tf.dispose([logits, oneHot, a.value, a.grad, b.value, b.grad]);
  });
});
