import type { PredictionResult, SeriesBars } from '../engine.types';
import type { ModelVersionInfo } from './model-store.types';

/** Predictions of a stored model over bars (features rebuilt with the stored strategy). */
export function predictWithModel(
  model: ModelVersionInfo,
  series: SeriesBars[],
): Promise<PredictionResult> {
  void model;
  void series;
  return Promise.reject(new Error('not implemented'));
}
