import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** File names of a saved tfjs model. */
export const MODEL_JSON = 'model.json';
export const MODEL_WEIGHTS = 'weights.bin';

/**
 * Saves a layers model as `model.json` + `weights.bin` (the tfjs "file" layout, what
 * tfjs-node's `file://` handler writes) with plain `fs`, since tfjs-node is optional.
 */
export async function saveModel(model: tfl.LayersModel, dir: string): Promise<string[]> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData
        ? new tf.io.CompositeArrayBuffer(artifacts.weightData).slice()
        : new ArrayBuffer(0);
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${MODEL_WEIGHTS}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(path.join(dir, MODEL_WEIGHTS), Buffer.from(weights));
      await writeFile(path.join(dir, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return [MODEL_JSON, MODEL_WEIGHTS];
}

/** Loads a model saved by {@link saveModel}. */
export async function loadModel(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(await readFile(path.join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
  const bin = await readFile(path.join(dir, MODEL_WEIGHTS));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
  };
  return tfl.loadLayersModel({ load: () => Promise.resolve(artifacts) });
}
