import type { FeatureFrame } from '../features/feature-builder';
import { parseStrategy } from '../strategy/strategy-parser';
import { strategyYaml } from '../testing/strategy-fixtures';
import { buildDataset } from './dataset-builder';

const result = parseStrategy(strategyYaml());
if (!result.ok) throw new Error('fixture');
const strategy = result.strategy;

/** 100 rows; feature 0 = the row number (to see the order), feature 1 NaN on the first 10. */
function frame(offset: number): FeatureFrame {
  const n = 100;
  const rowNo = Float64Array.from({ length: n }, (_, i) => offset + i);
  const warm = Float64Array.from({ length: n }, (_, i) => (i < 10 ? NaN : 1));
  const close = Array.from({ length: n }, (_, i) => 100 * (1 + 0.05 * Math.sin(i / 5)));
  return {
    t: Array.from({ length: n }, (_, i) => i),
    close,
    names: ['a', 'b'],
    columns: [rowNo, warm],
  };
}

describe('buildDataset', () => {
  it('drops NaN rows, then splits each symbol chronologically and concatenates', () => {
    const ds = buildDataset(strategy, [frame(0), frame(1000)]);
    const rowsOf = (x: Float32Array): number[] => Array.from(x.filter((_, i) => i % 2 === 0));
    // 90 complete rows per symbol: 63 train, 13 validation, 14 test
    expect(ds.train.rows).toBe(126);
    expect(rowsOf(ds.train.x).slice(0, 3)).toEqual([10, 11, 12]);
    expect(rowsOf(ds.train.x).slice(62, 65)).toEqual([72, 1010, 1011]);
    expect(rowsOf(ds.validation.x).slice(0, 13)).toEqual(
      Array.from({ length: 13 }, (_, i) => 73 + i),
    );
    expect(rowsOf(ds.test.x).slice(0, 14)).toEqual(Array.from({ length: 14 }, (_, i) => 86 + i));
    expect(ds.test.rows).toBe(28);
    expect(new Set(ds.train.y)).toEqual(new Set([0, 1, 2]));
  });

  it('fails clearly when nothing is left', () => {
    const tiny: FeatureFrame = {
      t: [0, 1],
      close: [1, 2],
      names: ['a'],
      columns: [new Float64Array([NaN, NaN])],
    };
    expect(() => buildDataset(strategy, [tiny])).toThrow(/no train rows/);
  });
});
