import { NoTrainingDataError } from '../errors';
import type { FeatureFrame } from '../features/feature-builder';
import type { Strategy } from '../strategy/strategy.types';
import { zigzagLabels } from './zigzag-labeller';

/** Rows × features, row-major, with one class index per row. */
export interface DataPart {
  x: Float32Array;
  y: Uint8Array;
  rows: number;
}

export interface Dataset {
  featureCount: number;
  train: DataPart;
  validation: DataPart;
  test: DataPart;
}

type PartName = 'train' | 'validation' | 'test';

/**
 * Labels each symbol's base bars, drops rows with any NaN feature, then splits each symbol
 * CHRONOLOGICALLY (train first, test last) and concatenates the symbols' parts. Nothing is
 * shuffled here; only the order of training batches is shuffled, later.
 */
export function buildDataset(strategy: Strategy, frames: FeatureFrame[]): Dataset {
  const featureCount = frames[0]?.columns.length ?? 0;
  const split = strategy.training.data_split;
  const parts: Record<PartName, { rows: number[]; frame: FeatureFrame; labels: Uint8Array }[]> = {
    train: [],
    validation: [],
    test: [],
  };
  for (const frame of frames) {
    const labels = zigzagLabels(frame.close, strategy.training.labels.zigzag_threshold);
    const rows = completeRows(frame);
    // + 1e-9: 90 × 0.7 is 62.99999999999999 in binary floating point
    const nTrain = Math.floor(rows.length * split.train + 1e-9);
    const nVal = Math.floor(rows.length * split.validation + 1e-9);
    parts.train.push({ rows: rows.slice(0, nTrain), frame, labels });
    parts.validation.push({ rows: rows.slice(nTrain, nTrain + nVal), frame, labels });
    parts.test.push({ rows: rows.slice(nTrain + nVal), frame, labels });
  }
  const pack = (name: PartName): DataPart => {
    const total = parts[name].reduce((n, p) => n + p.rows.length, 0);
    if (total === 0) {
      throw new NoTrainingDataError(
        `no ${name} rows: the bars are too few for the features' warm-up and the split`,
      );
    }
    const x = new Float32Array(total * featureCount);
    const y = new Uint8Array(total);
    let r = 0;
    for (const { rows, frame, labels } of parts[name]) {
      for (const row of rows) {
        for (let f = 0; f < featureCount; f++) x[r * featureCount + f] = frame.columns[f]![row]!;
        y[r++] = labels[row]!;
      }
    }
    return { x, y, rows: total };
  };
  return { featureCount, train: pack('train'), validation: pack('validation'), test: pack('test') };
}

/** Indices of rows with every feature defined. */
export function completeRows(frame: FeatureFrame): number[] {
  const rows: number[] = [];
  outer: for (let i = 0; i < frame.t.length; i++) {
    for (const col of frame.columns) if (Number.isNaN(col[i])) continue outer;
    rows.push(i);
  }
  return rows;
}
