import type { OhlcvColumns } from './ohlcv-columns';
import { ema, sma, wilder } from './moving-averages';

/** MACD histogram: (EMA fast − EMA slow) − its EMA over `signal`. */
export function macdHistogram(
  close: ArrayLike<number>,
  fast: number,
  slow: number,
  signal: number,
): Float64Array {
  const f = ema(close, fast);
  const s = ema(close, slow);
  const line = new Float64Array(close.length);
  for (let i = 0; i < line.length; i++) line[i] = f[i]! - s[i]!;
  const sig = ema(line, signal, slow - 1);
  for (let i = 0; i < line.length; i++) line[i] = line[i]! - sig[i]!;
  return line;
}

/** Bollinger %B: where close sits between the bands (0 = lower, 1 = upper). */
export function bollingerPercentB(
  close: ArrayLike<number>,
  period: number,
  stdDev: number,
): Float64Array {
  const mid = sma(close, period);
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = period - 1; i < close.length; i++) {
    let v = 0;
    for (let j = i - period + 1; j <= i; j++) v += (close[j]! - mid[i]!) ** 2;
    const band = stdDev * Math.sqrt(v / period);
    out[i] = band === 0 ? 0.5 : (close[i]! - (mid[i]! - band)) / (2 * band);
  }
  return out;
}

/** True range; the first bar's is `high − low`. */
export function trueRange(bars: OhlcvColumns): Float64Array {
  const n = bars.c.length;
  const tr = new Float64Array(n);
  if (n > 0) tr[0] = bars.h[0]! - bars.l[0]!;
  for (let i = 1; i < n; i++) {
    const pc = bars.c[i - 1]!;
    tr[i] = Math.max(bars.h[i]! - bars.l[i]!, Math.abs(bars.h[i]! - pc), Math.abs(bars.l[i]! - pc));
  }
  return tr;
}

/** Average true range (Wilder) over true ranges from bar 1; first value at `period`. */
export function atr(bars: OhlcvColumns, period: number): Float64Array {
  return wilder(trueRange(bars), period, 1);
}

/** Average directional index (Wilder); first value at `2 × period − 1`. */
export function adx(bars: OhlcvColumns, period: number): Float64Array {
  const n = bars.c.length;
  const plusDm = new Float64Array(n);
  const minusDm = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const up = bars.h[i]! - bars.h[i - 1]!;
    const down = bars.l[i - 1]! - bars.l[i]!;
    plusDm[i] = up > down && up > 0 ? up : 0;
    minusDm[i] = down > up && down > 0 ? down : 0;
  }
  const tr = trueRange(bars);
  // Wilder's sums (not averages) seeded from bar 1; the ratios are the same.
  const sTr = wilder(tr, period, 1);
  const sPlus = wilder(plusDm, period, 1);
  const sMinus = wilder(minusDm, period, 1);
  const dx = new Float64Array(n).fill(NaN);
  for (let i = period; i < n; i++) {
    const pdi = (100 * sPlus[i]!) / sTr[i]!;
    const mdi = (100 * sMinus[i]!) / sTr[i]!;
    const sum = pdi + mdi;
    dx[i] = sum === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / sum;
  }
  return wilder(dx, period, period);
}

/** On-balance volume, starting at 0 on the first bar. */
export function obv(bars: OhlcvColumns): Float64Array {
  const n = bars.c.length;
  const out = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const d = bars.c[i]! - bars.c[i - 1]!;
    out[i] = out[i - 1]! + (d > 0 ? bars.v[i]! : d < 0 ? -bars.v[i]! : 0);
  }
  return out;
}
