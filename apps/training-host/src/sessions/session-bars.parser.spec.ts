import { sessionRequest } from '../testing/session-request.fixture';
import { parseSessionBars } from './session-bars.parser';

describe('parseSessionBars', () => {
  const request = sessionRequest({ symbols: ['AAPL', 'MSFT'], timeframes: ['1h', '4h'] });
  const bars = (): Record<string, unknown>[] => request.bars.map((b) => ({ ...b, t: [...b.t] }));

  it('returns one series per symbol × timeframe, in that order', () => {
    const result = parseSessionBars([...bars()].reverse(), ['AAPL', 'MSFT'], ['1h', '4h']);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.series.map((s) => `${s.symbol} ${s.timeframe}`)).toEqual([
      'AAPL 1h',
      'AAPL 4h',
      'MSFT 1h',
      'MSFT 4h',
    ]);
    expect(result.series[0]!.bars.count).toBe(result.series[0]!.bars.t.length);
  });

  it('lists every problem with its path', () => {
    const input = bars();
    input[0]!.t = [3, 2, 1, ...(input[0]!.t as number[]).slice(3)];
    input[1]!.c = (input[1]!.c as number[]).slice(1);
    input[2]!.v = (input[2]!.v as unknown[]).map((v, i) => (i === 4 ? 'x' : v));
    input[3]!.symbol = 'NVDA';
    input.push({ ...input[0]!, t: [...request.bars[0]!.t] });
    const result = parseSessionBars([...input, 42], ['AAPL', 'MSFT'], ['1h', '4h']);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      'bars[0].t[1]: times must be strictly ascending',
      expect.stringMatching(/^bars\[1\]\.c: has \d+ values, t has \d+$/),
      'bars[2].v[4]: must be a finite number, got "x"',
      'bars[3]: NVDA 4h is not among the requested symbols × timeframes',
      'bars[5]: must be an object { symbol, timeframe, t, o, h, l, c, v }',
      'bars: no series for MSFT 4h',
    ]);
  });

  it('refuses a duplicate series, a bad symbol or timeframe, a wrong count', () => {
    const [first] = bars();
    const result = parseSessionBars(
      [first, first, { ...first, symbol: '../x', timeframe: '2h' }, { ...first, count: 3 }],
      ['AAPL'],
      ['1h'],
    );
    const problems = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      'bars[1]: a second series for AAPL 1h',
      expect.stringMatching(/^bars\[2\]\.symbol: Invalid symbol '\.\.\/x'/),
      'bars[2].timeframe: unknown timeframe "2h"',
      expect.stringMatching(/^bars\[3\]\.count: is 3, t has \d+$/),
    ]);
    expect(parseSessionBars({}, ['AAPL'], ['1h'])).toEqual({
      ok: false,
      problems: [{ path: 'bars', message: 'must be an array of series' }],
    });
  });
});
