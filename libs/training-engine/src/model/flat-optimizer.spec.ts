import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Registers tfjs-core's gradients (as the engine's model code does).
import '@tensorflow/tfjs-layers';
import { FlatOptimizer } from './flat-optimizer';
import { SeededRandom } from './seeded-random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function variables(seed: number): tf.Variable[] {
  const rng = new SeededRandom(seed);
  const random = (shape: number[]): tf.Variable =>
    tf.variable(
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.next() - 0.5),
        shape,
      ),
    );
  return [random([4, 3]), random([3]), random([3, 2]), random([2])];
}

/** A loss over all the variables (a small two-layer network on a fixed batch). */
function loss([w1, b1, w2, b2]: tf.Variable[]): tf.Scalar {
  const x = tf.tensor2d([0.1, -0.4, 0.9, 0.3, -0.7, 0.2, 0.5, -0.1], [2, 4]);
  const h = tf.relu(tf.add(tf.matMul(x, w1!), b1!));
  return tf.mean(tf.square(tf.add(tf.matMul(h, w2!), b2!)));
}

describe('FlatOptimizer', () => {
  it.each(['adam', 'rmsprop', 'sgd'] as const)(
    'gives every weight exactly the update of %s applied variable by variable',
    (name) => {
      const make = (): tf.Optimizer =>
        name === 'adam'
          ? tf.train.adam(0.05)
          : name === 'rmsprop'
            ? tf.train.rmsprop(0.05)
            : tf.train.sgd(0.05);
      const plain = variables(1);
      const flat = variables(1);
      const reference = make();
      const optimizer = new FlatOptimizer(make(), flat);
      const start = flat.map((v) => Array.from(v.dataSync()));
      let afterFirst = 0;
      for (let step = 0; step < 5; step++) {
        const a = reference.minimize(() => loss(plain), true, plain)!;
        const b = optimizer.minimize(() => loss(flat));
        expect(b.dataSync()[0]).toBe(a.dataSync()[0]);
        tf.dispose([a, b]);
        if (step === 0) afterFirst = tf.memory().numTensors; // the optimizers' state exists now
      }
      flat.forEach((v, i) =>
        expect(Array.from(v.dataSync())).toEqual(Array.from(plain[i]!.dataSync())),
      );
      // The weights moved, and a step leaves no tensor behind.
      expect(Array.from(flat[0]!.dataSync())).not.toEqual(start[0]);
      expect(tf.memory().numTensors).toBe(afterFirst);
      optimizer.dispose();
      reference.dispose();
      tf.dispose([...plain, ...flat]);
    },
  );
});
