/** Class indices, in the order of the model's outputs: BUY, HOLD, SELL. */
export const BUY = 0;
export const HOLD = 1;
export const SELL = 2;

/**
 * Swing points of `close`: an extreme becomes a swing once price has moved `threshold`
 * (a fraction, 0.02 = 2%) away from it in the other direction. Indices ascending, alternating
 * highs and lows.
 */
export function zigzagSwings(close: ArrayLike<number>, threshold: number): number[] {
  const swings: number[] = [];
  let dir = 0; // 1 = rising leg, −1 = falling leg, 0 = not started
  let hi = 0;
  let lo = 0;
  for (let i = 1; i < close.length; i++) {
    const c = close[i]!;
    if (dir >= 0 && c > close[hi]!) hi = i;
    if (dir <= 0 && c < close[lo]!) lo = i;
    if (dir >= 0 && c <= close[hi]! * (1 - threshold)) {
      swings.push(hi);
      dir = -1;
      lo = i;
    } else if (dir <= 0 && c >= close[lo]! * (1 + threshold)) {
      swings.push(lo);
      dir = 1;
      hi = i;
    }
  }
  return swings;
}

/**
 * ZigZag labels: bars inside an up-leg (between a swing low and the next swing high) BUY,
 * inside a down-leg SELL; swing points, bars before the first swing and the unfinished tail
 * after the last one HOLD.
 */
export function zigzagLabels(close: ArrayLike<number>, threshold: number): Uint8Array {
  const labels = new Uint8Array(close.length).fill(HOLD);
  const swings = zigzagSwings(close, threshold);
  for (let s = 0; s + 1 < swings.length; s++) {
    const from = swings[s]!;
    const to = swings[s + 1]!;
    const label = close[to]! > close[from]! ? BUY : SELL;
    labels.fill(label, from + 1, to);
  }
  return labels;
}
