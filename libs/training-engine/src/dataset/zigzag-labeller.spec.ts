import { BUY, HOLD, SELL, zigzagLabels, zigzagSwings } from './zigzag-labeller';

describe('zigzag labels', () => {
  // up 100→110, down to 99, up to 108, then a small wiggle (unfinished tail)
  const close = [100, 102, 105, 110, 107, 103, 99, 101, 104, 108, 107.5, 107];

  it('finds swings once price moves the threshold away', () => {
    expect(zigzagSwings(close, 0.05)).toEqual([0, 3, 6]);
  });

  it('labels up-legs BUY, down-legs SELL, swing points and the unfinished tail HOLD', () => {
    const labels = Array.from(zigzagLabels(close, 0.05));
    expect(labels).toEqual([HOLD, BUY, BUY, HOLD, SELL, SELL, HOLD, HOLD, HOLD, HOLD, HOLD, HOLD]);
  });

  it('confirms the swing high only when the drop reaches the threshold', () => {
    // 110 → 105 is 4.5%: not yet a swing at 5%; 104 is 5.5%
    expect(zigzagSwings([100, 110, 105], 0.05)).toEqual([0]);
    expect(zigzagSwings([100, 110, 105, 104], 0.05)).toEqual([0, 1]);
    // then 104 → 110 confirms 104 as a swing low: one down-leg bar between the swings
    expect(Array.from(zigzagLabels([100, 110, 105, 104, 110], 0.05))).toEqual([
      HOLD,
      HOLD,
      SELL,
      HOLD,
      HOLD,
    ]);
  });

  it('starts with a down-leg too', () => {
    const labels = Array.from(zigzagLabels([100, 95, 90, 96, 100, 94], 0.05));
    expect(labels).toEqual([HOLD, SELL, HOLD, BUY, HOLD, HOLD]);
    expect(zigzagSwings([100, 95, 90, 96, 100, 94], 0.05)).toEqual([0, 2, 4]);
  });
});
