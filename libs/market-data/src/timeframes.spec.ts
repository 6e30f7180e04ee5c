import { InvalidTimeframeError, parseTimeframe, TIMEFRAMES, timeframeMs } from './timeframes';
import { instrumentKind, normalizeSymbol, resolveInside } from './symbols';
import { MarketDataError } from './errors';

describe('timeframes', () => {
  it('parses the supported timeframes and nothing else', () => {
    for (const tf of TIMEFRAMES) expect(parseTimeframe(` ${tf} `)).toBe(tf);
    for (const bad of ['1M', '2h', '', '1 h', '60m']) {
      expect(() => parseTimeframe(bad)).toThrow(InvalidTimeframeError);
    }
  });

  it('names the supported list in the error', () => {
    try {
      parseTimeframe('2h');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MarketDataError);
      expect((e as MarketDataError).code).toBe('INVALID_TIMEFRAME');
      expect((e as Error).message).toContain('1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w');
    }
  });

  it('knows each bar length', () => {
    expect(timeframeMs('1m')).toBe(60_000);
    expect(timeframeMs('4h')).toBe(4 * 3_600_000);
    expect(timeframeMs('1w')).toBe(7 * 86_400_000);
  });
});

describe('symbols', () => {
  it('trims and upper-cases', () => {
    expect(normalizeSymbol('  aapl ')).toBe('AAPL');
    expect(normalizeSymbol('eur.usd')).toBe('EUR.USD');
    expect(normalizeSymbol('brk_b')).toBe('BRK_B');
  });

  it.each(['', ' ', '../etc', '.hidden', 'A/B', 'A\\B', 'A B', 'AAPL%00', 'X'.repeat(21), '-A'])(
    'rejects %j with INVALID_SYMBOL',
    (bad) => {
      expect(() => normalizeSymbol(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_SYMBOL' }),
      );
    },
  );

  it('tells forex pairs from stocks', () => {
    expect(instrumentKind('EUR.USD')).toBe('forex');
    expect(instrumentKind('usd.jpy')).toBe('forex');
    expect(instrumentKind('BRK.B')).toBe('stock');
    expect(instrumentKind('AAPL')).toBe('stock');
    expect(instrumentKind('EURO.USD')).toBe('stock');
  });

  it('refuses a file name that resolves outside the directory', () => {
    expect(resolveInside('/data', 'AAPL_1h.csv', 'AAPL')).toBe('/data/AAPL_1h.csv');
    expect(() => resolveInside('/data', '../AAPL_1h.csv', 'X')).toThrow(
      expect.objectContaining({ code: 'INVALID_SYMBOL' }),
    );
    expect(() => resolveInside('/data', 'sub/AAPL_1h.csv', 'X')).toThrow();
  });
});
