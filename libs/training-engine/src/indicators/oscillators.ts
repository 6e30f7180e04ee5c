import type { OhlcvColumns } from './ohlcv-columns';
import { rollingMax, rollingMin, sma, wilder } from './moving-averages';

/** Wilder's RSI (0–100); first value at `period`. */
export function rsi(close: ArrayLike<number>, period: number): Float64Array {
  const n = close.length;
  const gain = new Float64Array(n);
  const loss = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const d = close[i]! - close[i - 1]!;
    gain[i] = d > 0 ? d : 0;
    loss[i] = d < 0 ? -d : 0;
  }
  const avgGain = wilder(gain, period, 1);
  const avgLoss = wilder(loss, period, 1);
  const out = new Float64Array(n).fill(NaN);
  for (let i = period; i < n; i++) {
    const l = avgLoss[i]!;
    out[i] = l === 0 ? 100 : 100 - 100 / (1 + avgGain[i]! / l);
  }
  return out;
}

/** Rate of change in percent over `period` bars. */
export function roc(close: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = period; i < close.length; i++) {
    out[i] = ((close[i]! - close[i - period]!) / close[i - period]!) * 100;
  }
  return out;
}

/** Momentum: `close - close[period bars ago]`. */
export function momentum(close: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = period; i < close.length; i++) out[i] = close[i]! - close[i - period]!;
  return out;
}

/** Williams %R (−100–0). */
export function williamsR(bars: OhlcvColumns, period: number): Float64Array {
  const hh = rollingMax(bars.h, period);
  const ll = rollingMin(bars.l, period);
  const out = new Float64Array(bars.c.length).fill(NaN);
  for (let i = period - 1; i < out.length; i++) {
    const range = hh[i]! - ll[i]!;
    out[i] = range === 0 ? -50 : ((hh[i]! - bars.c[i]!) / range) * -100;
  }
  return out;
}

/** Slow stochastic: %D = SMA(`dPeriod`) of %K over `kPeriod` (0–100). */
export function stochastic(bars: OhlcvColumns, kPeriod: number, dPeriod: number): Float64Array {
  const hh = rollingMax(bars.h, kPeriod);
  const ll = rollingMin(bars.l, kPeriod);
  const k = new Float64Array(bars.c.length).fill(NaN);
  for (let i = kPeriod - 1; i < k.length; i++) {
    const range = hh[i]! - ll[i]!;
    k[i] = range === 0 ? 50 : ((bars.c[i]! - ll[i]!) / range) * 100;
  }
  return sma(k, dPeriod, kPeriod - 1);
}

/** Commodity Channel Index. */
export function cci(bars: OhlcvColumns, period: number): Float64Array {
  const n = bars.c.length;
  const tp = new Float64Array(n);
  for (let i = 0; i < n; i++) tp[i] = (bars.h[i]! + bars.l[i]! + bars.c[i]!) / 3;
  const mean = sma(tp, period);
  const out = new Float64Array(n).fill(NaN);
  for (let i = period - 1; i < n; i++) {
    let dev = 0;
    for (let j = i - period + 1; j <= i; j++) dev += Math.abs(tp[j]! - mean[i]!);
    dev /= period;
    out[i] = dev === 0 ? 0 : (tp[i]! - mean[i]!) / (0.015 * dev);
  }
  return out;
}

/** Money Flow Index (0–100); first value at `period`. */
export function mfi(bars: OhlcvColumns, period: number): Float64Array {
  const n = bars.c.length;
  const pos = new Float64Array(n);
  const neg = new Float64Array(n);
  let prevTp = (bars.h[0]! + bars.l[0]! + bars.c[0]!) / 3;
  for (let i = 1; i < n; i++) {
    const tp = (bars.h[i]! + bars.l[i]! + bars.c[i]!) / 3;
    const flow = tp * bars.v[i]!;
    if (tp > prevTp) pos[i] = flow;
    else if (tp < prevTp) neg[i] = flow;
    prevTp = tp;
  }
  const out = new Float64Array(n).fill(NaN);
  let p = 0;
  let m = 0;
  for (let i = 1; i < n; i++) {
    p += pos[i]!;
    m += neg[i]!;
    if (i > period) {
      p -= pos[i - period]!;
      m -= neg[i - period]!;
    }
    if (i >= period) out[i] = m === 0 ? 100 : 100 - 100 / (1 + p / m);
  }
  return out;
}
