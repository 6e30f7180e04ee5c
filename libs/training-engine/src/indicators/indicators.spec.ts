import * as TI from 'technicalindicators';
import type { IndicatorSpec, IndicatorType } from '../strategy/strategy.types';
import { INDICATOR_PARAMS } from './indicator-params';
import { computeIndicator, indicatorWarmup } from './compute-indicator';
import { ema, rollingMax, rollingMin, sma } from './moving-averages';

// A random walk with realistic OHLCV, seeded.
function bars(n: number): { o: number[]; h: number[]; l: number[]; c: number[]; v: number[] } {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const out = {
    o: [] as number[],
    h: [] as number[],
    l: [] as number[],
    c: [] as number[],
    v: [] as number[],
  };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rnd() - 0.5) * 0.02;
    out.o.push(o);
    out.c.push(p);
    out.h.push(Math.max(o, p) * (1 + rnd() * 0.005));
    out.l.push(Math.min(o, p) * (1 - rnd() * 0.005));
    out.v.push(1000 + Math.floor(rnd() * 1000));
  }
  return out;
}

const B = bars(400);
const { h: high, l: low, c: close, v: volume } = B;

function spec(type: IndicatorType, params: Record<string, number> = {}): IndicatorSpec {
  const defaults = Object.fromEntries(
    Object.entries(INDICATOR_PARAMS[type]).map(([k, r]) => [k, r.default]),
  );
  return { name: type, type, params: { ...defaults, ...params } };
}

/** Compares our tail with a library's output (aligned at the end), to `digits` decimals. */
function expectTail(ours: Float64Array, reference: number[], digits = 8): void {
  expect(reference.length).toBeGreaterThan(100);
  const offset = ours.length - reference.length;
  const tail = Array.from(ours.subarray(offset + 30)); // past any seeding differences
  reference.slice(30).forEach((r, i) => expect(tail[i]).toBeCloseTo(r, digits));
}

describe('indicators against technicalindicators', () => {
  it('sma, ema', () => {
    expectTail(sma(close, 20), TI.SMA.calculate({ period: 20, values: close }));
    expectTail(ema(close, 20), TI.EMA.calculate({ period: 20, values: close }));
  });

  it('rsi and mfi (the library rounds them to 2 decimals)', () => {
    expectTail(
      computeIndicator(spec('rsi'), B),
      TI.RSI.calculate({ period: 14, values: close }),
      1,
    );
    expectTail(
      computeIndicator(spec('mfi'), B),
      TI.MFI.calculate({ period: 14, high, low, close, volume }),
      1,
    );
  });

  it('macd histogram, bollinger %B', () => {
    const macd = TI.MACD.calculate({
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      values: close,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    expectTail(
      computeIndicator(spec('macd'), B),
      macd.map((m) => m.histogram!),
    );
    const bb = TI.BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    expectTail(
      computeIndicator(spec('bollinger'), B),
      bb.map((b) => b.pb),
    );
  });

  it('atr, adx, cci, williams %R, roc, obv', () => {
    expectTail(
      computeIndicator(spec('atr'), B),
      TI.ATR.calculate({ period: 14, high, low, close }),
    );
    expectTail(
      computeIndicator(spec('adx'), B),
      TI.ADX.calculate({ period: 14, high, low, close }).map((a) => a.adx),
      6,
    );
    expectTail(
      computeIndicator(spec('cci'), B),
      TI.CCI.calculate({ period: 20, high, low, close }),
      6,
    );
    expectTail(
      computeIndicator(spec('williams_r'), B),
      TI.WilliamsR.calculate({ period: 14, high, low, close }),
    );
    expectTail(computeIndicator(spec('roc'), B), TI.ROC.calculate({ period: 10, values: close }));
    expectTail(computeIndicator(spec('obv'), B), TI.OBV.calculate({ close, volume }));
  });

  it('stochastic %D', () => {
    const st = TI.Stochastic.calculate({ period: 14, signalPeriod: 3, high, low, close });
    expectTail(
      computeIndicator(spec('stochastic'), B),
      st.map((s) => s.d),
    );
  });

  it('moving averages enter as close / MA; momentum is a difference', () => {
    const ratio = computeIndicator(spec('sma', { period: 5 }), B);
    expect(ratio[10]).toBeCloseTo(
      close[10]! / ((close[6]! + close[7]! + close[8]! + close[9]! + close[10]!) / 5),
      12,
    );
    expect(computeIndicator(spec('momentum', { period: 3 }), B)[5]).toBeCloseTo(
      close[5]! - close[2]!,
      12,
    );
  });

  it('rolling max/min match a naive window', () => {
    const mx = rollingMax(high, 7);
    const mn = rollingMin(low, 7);
    for (let i = 6; i < 100; i++) {
      expect(mx[i]).toBe(Math.max(...high.slice(i - 6, i + 1)));
      expect(mn[i]).toBe(Math.min(...low.slice(i - 6, i + 1)));
    }
  });

  it.each(Object.keys(INDICATOR_PARAMS) as IndicatorType[])(
    '%s: NaN exactly during its warm-up',
    (type) => {
      const s = spec(type);
      const values = computeIndicator(s, B);
      const warm = indicatorWarmup(s);
      for (let i = 0; i < warm; i++) expect(values[i]).toBeNaN();
      for (let i = warm; i < values.length; i++) expect(Number.isFinite(values[i])).toBe(true);
    },
  );
});
