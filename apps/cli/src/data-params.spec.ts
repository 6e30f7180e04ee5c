import { InvalidArgumentError } from 'commander';
import { normalizeSymbol, TIMEFRAMES as LIB_TIMEFRAMES } from '@ktrdr/market-data';
import { UsageError } from './cli.errors';
import {
  assertDateOrder,
  parseDateArg,
  parseSymbolArg,
  parseTimeframeArg,
  TIMEFRAMES,
} from './data-params';

describe('data command parameters', () => {
  it('knows the same timeframes as the market-data lib (the CLI does not load the lib)', () => {
    expect(TIMEFRAMES).toEqual(LIB_TIMEFRAMES);
  });

  it.each(['AAPL', 'eur.usd', ' brk.b ', 'SPY_1', 'A', 'X-1', '7203'])(
    'accepts the symbol %j the API accepts, in the API normal form',
    (raw) => {
      expect(parseSymbolArg(raw)).toBe(normalizeSymbol(raw));
    },
  );

  it.each(['', '  ', '..', '.', '-x', '_A', 'A/B', 'A\\B', 'A B', 'X'.repeat(65)])(
    'refuses %j, which can never be a symbol',
    (raw) => {
      expect(() => parseSymbolArg(raw)).toThrow(InvalidArgumentError);
    },
  );

  it('leaves the finer symbol rules to the API', () => {
    expect(parseSymbolArg('aa$pl')).toBe('AA$PL');
    expect(() => normalizeSymbol('AA$PL')).toThrow();
  });

  it('passes timeframes as typed (1M is not 1m: the API decides) and refuses non-timeframe shapes', () => {
    expect(parseTimeframeArg('1M')).toBe('1M');
    expect(parseTimeframeArg('1H')).toBe('1H');
    expect(parseTimeframeArg(' 1w ')).toBe('1w');
    expect(parseTimeframeArg('2h')).toBe('2h');
    for (const raw of ['', '..', '1h/../x', '1 h']) {
      expect(() => parseTimeframeArg(raw)).toThrow('Supported timeframes: 1m, 5m, 15m, 30m, 1h');
    }
  });

  it.each([
    '2024-01-31',
    '2024-01-31T14:30:00Z',
    '2024-01-31T14:30Z',
    '2024-01-31T14:30:00.5+01:00',
  ])('accepts the ISO date %j', (raw) => {
    expect(parseDateArg(` ${raw} `)).toBe(raw);
  });

  it.each([
    'yesterday',
    '2024-02-30',
    '2023-02-29',
    '2024-01-31T14:30:00',
    '31/01/2024',
    '2024-1-5',
  ])('refuses %j as a date', (raw) => {
    expect(() => parseDateArg(raw)).toThrow(InvalidArgumentError);
  });

  it('wants start before end; equal ends only where the window is inclusive', () => {
    expect(() => assertDateOrder('2024-01-01', '2024-01-02')).not.toThrow();
    expect(() => assertDateOrder('2024-01-01', undefined)).not.toThrow();
    expect(() => assertDateOrder('2024-01-02T00:00:00Z', '2024-01-02')).toThrow(UsageError);
    expect(() => assertDateOrder('2024-01-02', '2024-01-02', true)).not.toThrow();
    expect(() => assertDateOrder('2024-01-03', '2024-01-02', true)).toThrow(
      '--start (2024-01-03) must be at or before --end (2024-01-02)',
    );
  });
});
