/**
 * For each base bar, the index of the latest higher-timeframe bar already CLOSED when the base
 * bar closes (−1 when none): a bar opened at `t` with duration `d` is visible from `t + d` on.
 * Both series are ascending by open time. No look-ahead by construction.
 */
export function alignToBase(
  baseOpen: ArrayLike<number>,
  baseMs: number,
  higherOpen: ArrayLike<number>,
  higherMs: number,
): Int32Array {
  const out = new Int32Array(baseOpen.length);
  let j = -1;
  for (let i = 0; i < baseOpen.length; i++) {
    const visibleAt = baseOpen[i]! + baseMs;
    while (j + 1 < higherOpen.length && higherOpen[j + 1]! + higherMs <= visibleAt) j++;
    out[i] = j;
  }
  return out;
}

/** `column` (on the higher timeframe) re-indexed to the base bars through `index` (NaN for −1). */
export function gather(column: Float64Array, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    out[i] = j < 0 ? NaN : column[j]!;
  }
  return out;
}
