// Moving averages over Float64Array; bars before the first full window are NaN. A NaN in the
// input restarts nothing: it propagates, which is what the feature pipeline wants (rows with a
// NaN feature are dropped).

/** Simple moving average; first value at `period - 1`. */
export function sma(values: ArrayLike<number>, period: number, from = 0): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  let sum = 0;
  for (let i = from; i < values.length; i++) {
    sum += values[i]!;
    if (i - from >= period) sum -= values[i - period]!;
    if (i - from >= period - 1) out[i] = sum / period;
  }
  return out;
}

/**
 * Exponential moving average with smoothing `alpha`, seeded with the SMA of the first `period`
 * values from index `from` (the usual definition; `from` skips a NaN head).
 */
export function emaWithAlpha(
  values: ArrayLike<number>,
  period: number,
  alpha: number,
  from = 0,
): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const seedEnd = from + period - 1;
  if (seedEnd >= values.length) return out;
  let sum = 0;
  for (let i = from; i <= seedEnd; i++) sum += values[i]!;
  let prev = sum / period;
  out[seedEnd] = prev;
  for (let i = seedEnd + 1; i < values.length; i++) {
    prev = prev + alpha * (values[i]! - prev);
    out[i] = prev;
  }
  return out;
}

/** EMA, `alpha = 2 / (period + 1)`. */
export function ema(values: ArrayLike<number>, period: number, from = 0): Float64Array {
  return emaWithAlpha(values, period, 2 / (period + 1), from);
}

/** Wilder's smoothing (RMA), `alpha = 1 / period`. */
export function wilder(values: ArrayLike<number>, period: number, from = 0): Float64Array {
  return emaWithAlpha(values, period, 1 / period, from);
}

/** Highest of `values` over the last `period` bars (NaN before a full window). */
export function rollingMax(values: ArrayLike<number>, period: number): Float64Array {
  return rollingExtreme(values, period, (a, b) => a >= b);
}

/** Lowest of `values` over the last `period` bars (NaN before a full window). */
export function rollingMin(values: ArrayLike<number>, period: number): Float64Array {
  return rollingExtreme(values, period, (a, b) => a <= b);
}

// Monotonic deque: O(n) whatever the period.
function rollingExtreme(
  values: ArrayLike<number>,
  period: number,
  keeps: (a: number, b: number) => boolean,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    while (tail > head && keeps(values[i]!, values[deque[tail - 1]!]!)) tail--;
    deque[tail++] = i;
    if (deque[head]! <= i - period) head++;
    if (i >= period - 1) out[i] = values[deque[head]!]!;
  }
  return out;
}
