import type { Timeframe } from '@ktrdr/market-data';
import { parseStrategy } from '../strategy/strategy-parser';
import type { Strategy } from '../strategy/strategy.types';
import { strategyYaml } from '../testing/strategy-fixtures';
import { syntheticSeries } from '../testing/series-fixtures';
import { buildFeatures, featureNames, type TimeframeBars } from './feature-builder';
import { membership } from './fuzzy-membership';
import { alignToBase } from './timeframe-alignment';
import { warmupBars } from './warmup';

function strategy(timeframes: string[]): Strategy {
  const r = parseStrategy(strategyYaml({ timeframes }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.strategy;
}

function barsFor(timeframes: Timeframe[]): Map<Timeframe, TimeframeBars> {
  return new Map(
    timeframes.map((tf) => [tf, syntheticSeries('EURUSD', tf, '2024-01-01', '2024-03-01').bars]),
  );
}

const HOUR = 3_600_000;

describe('fuzzy memberships', () => {
  it('triangular, trapezoidal, gaussian', () => {
    const tri = { type: 'triangular' as const, parameters: [0, 10, 20] };
    expect([-1, 0, 5, 10, 15, 20, 21].map((x) => membership(tri, x))).toEqual([
      0, 0, 0.5, 1, 0.5, 0, 0,
    ]);
    const trap = { type: 'trapezoidal' as const, parameters: [0, 10, 20, 40] };
    expect([5, 10, 15, 20, 30, 41].map((x) => membership(trap, x))).toEqual([0.5, 1, 1, 1, 0.5, 0]);
    const gauss = { type: 'gaussian' as const, parameters: [50, 10] };
    expect(membership(gauss, 50)).toBe(1);
    expect(membership(gauss, 60)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(membership(tri, NaN)).toBeNaN();
  });
});

describe('buildFeatures', () => {
  it('names features {tf}_{indicator}_{set} sorted, then the lags', () => {
    expect(featureNames(strategy(['1h']))).toEqual([
      'rsi_high',
      'rsi_low',
      'rsi_mid',
      'sma_fast_above',
      'sma_fast_below',
      ...['rsi_high', 'rsi_low', 'rsi_mid', 'sma_fast_above', 'sma_fast_below'].map(
        (n) => `${n}_lag_1`,
      ),
      ...['rsi_high', 'rsi_low', 'rsi_mid', 'sma_fast_above', 'sma_fast_below'].map(
        (n) => `${n}_lag_2`,
      ),
    ]);
    const multi = featureNames(strategy(['1h', '4h']));
    expect(multi.slice(0, 6)).toEqual([
      '1h_rsi_high',
      '1h_rsi_low',
      '1h_rsi_mid',
      '1h_sma_fast_above',
      '1h_sma_fast_below',
      '4h_rsi_high',
    ]);
    expect(multi).toHaveLength(30);
  });

  it('shows a higher-timeframe bar only from its close time', () => {
    // base 1h bars at 00:00..07:00; 4h bars at 00:00 and 04:00
    const base = Array.from({ length: 8 }, (_, i) => i * HOUR);
    expect(Array.from(alignToBase(base, HOUR, [0, 4 * HOUR], 4 * HOUR))).toEqual([
      -1, -1, -1, 0, 0, 0, 0, 1,
    ]);
  });

  it('a lag is the previous row', () => {
    const frame = buildFeatures(strategy(['1h']), barsFor(['1h']));
    const rsiHigh = frame.columns[0]!;
    const lag2 = frame.columns[frame.names.indexOf('rsi_high_lag_2')]!;
    expect(lag2[100]).toBe(rsiHigh[98]);
  });

  it('no look-ahead: changing bars after t never changes a feature at t (multi-timeframe)', () => {
    const s = strategy(['1h', '4h', '1d']);
    const tfs: Timeframe[] = ['1h', '4h', '1d'];
    const original = buildFeatures(s, barsFor(tfs));
    const base = barsFor(['1h']).get('1h')!;
    expect(base.t.length).toBeGreaterThan(250);
    for (const cut of [0.3, 0.55, 0.9].map((q) => Math.floor(base.t.length * q))) {
      const knownAt = base.t[cut]! + HOUR; // base bar `cut` closes
      const perturbed = barsFor(tfs);
      for (const [tf, bars] of perturbed) {
        const ms = { '1h': HOUR, '4h': 4 * HOUR, '1d': 24 * HOUR }[tf as '1h' | '4h' | '1d'];
        for (let i = 0; i < bars.t.length; i++) {
          if (bars.t[i]! + ms <= knownAt) continue; // closed by then: must stay
          const f = 1 + 0.3 * Math.sin(i * 7.1); // anything not closed yet changes
          for (const col of [bars.o, bars.h, bars.l, bars.c, bars.v] as number[][])
            col[i] = col[i]! * f;
        }
      }
      const changed = buildFeatures(s, perturbed);
      let differences = 0;
      for (let f = 0; f < original.columns.length; f++) {
        for (let i = 0; i <= cut; i++) {
          const a = original.columns[f]![i]!;
          const b = changed.columns[f]![i]!;
          if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) {
            throw new Error(
              `${original.names[f]} at row ${i} changed (${a} → ${b}) when bars after row ${cut} changed`,
            );
          }
        }
        if (original.columns[f]![cut + 1] !== changed.columns[f]![cut + 1]) differences++;
      }
      expect(differences).toBeGreaterThan(0); // the perturbation does reach later rows
    }
  });

  it('warmupBars covers the slowest timeframe plus the lags', () => {
    const frame = buildFeatures(strategy(['1h']), barsFor(['1h']));
    const firstComplete =
      frame.t.length -
      [...Array(frame.t.length).keys()].filter((i) =>
        frame.columns.every((c) => !Number.isNaN(c[i])),
      ).length;
    expect(warmupBars(strategy(['1h']))).toBeGreaterThanOrEqual(firstComplete);
    expect(warmupBars(strategy(['1h', '4h']))).toBeGreaterThanOrEqual(4 * 15 + 2);
  });
});
