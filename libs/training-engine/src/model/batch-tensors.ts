import * as tf from '@tensorflow/tfjs-core';
import type { DataPart } from '../dataset/dataset-builder';
import { CLASS_COUNT } from './mlp-model';

/** Rows `order[from..to)` of a part as an `[n, features]` tensor and one-hot `[n, 3]` targets. */
export function batchTensors(
  part: DataPart,
  featureCount: number,
  order: Uint32Array | null,
  from: number,
  to: number,
): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const n = to - from;
  const x = new Float32Array(n * featureCount);
  const y = new Float32Array(n * CLASS_COUNT);
  for (let r = 0; r < n; r++) {
    const row = order ? order[from + r]! : from + r;
    x.set(part.x.subarray(row * featureCount, (row + 1) * featureCount), r * featureCount);
    y[r * CLASS_COUNT + part.y[row]!] = 1;
  }
  return { x: tf.tensor2d(x, [n, featureCount]), y: tf.tensor2d(y, [n, CLASS_COUNT]) };
}
