import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { completeRows } from '../dataset/dataset-builder';
import { SIGNAL_CLASSES, type PredictionResult, type SeriesBars } from '../engine.types';
import { selectBackend } from '../model/backend';
import { loadModel } from '../model/model-files';
import type { ModelConfig } from '../worker/training-job';
import { featureFrames } from '../worker/training-job';
import type { ModelVersionInfo } from './model-store.types';

let backendReady: Promise<unknown> | undefined;

/**
 * Predictions of a stored model over bars of one symbol (every timeframe of the stored
 * strategy): the features are rebuilt with the stored strategy, bars whose features are not
 * all defined yet (warm-up, see `warmupBars`) are left out.
 */
export async function predictWithModel(
  model: ModelVersionInfo,
  series: SeriesBars[],
): Promise<PredictionResult> {
  backendReady ??= selectBackend();
  await backendReady;
  const config = JSON.parse(
    await readFile(path.join(model.path, 'config.json'), 'utf8'),
  ) as ModelConfig;
  const [frame] = featureFrames(config.strategy, series);
  const rows = completeRows(frame!);
  const width = config.input_size;
  const x = new Float32Array(rows.length * width);
  rows.forEach((row, r) => {
    for (let f = 0; f < width; f++) x[r * width + f] = frame!.columns[f]![row]!;
  });
  const out: PredictionResult = { t: [], signal: [], p_buy: [], p_hold: [], p_sell: [] };
  if (rows.length === 0) return out;
  const net = await loadModel(model.path);
  try {
    const probs = tf.tidy(() =>
      (net.predict(tf.tensor2d(x, [rows.length, width])) as tf.Tensor).dataSync(),
    );
    rows.forEach((row, r) => {
      const [b, h, s] = [probs[r * 3]!, probs[r * 3 + 1]!, probs[r * 3 + 2]!];
      out.t.push(frame!.t[row]!);
      out.p_buy.push(b);
      out.p_hold.push(h);
      out.p_sell.push(s);
      out.signal.push(SIGNAL_CLASSES[b >= h && b >= s ? 0 : s > h ? 2 : 1]);
    });
  } finally {
    net.dispose();
  }
  return out;
}
