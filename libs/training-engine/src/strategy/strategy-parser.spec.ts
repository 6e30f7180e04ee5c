import { strategyYaml } from '../testing/strategy-fixtures';
import { parseStrategy } from './strategy-parser';

describe('parseStrategy', () => {
  it('parses a valid file, honouring indicator parameters and filling defaults', () => {
    const result = parseStrategy(strategyYaml({ timeframes: ['4h', '1h'] }), {
      expectedName: 'rsi_test',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const s = result.strategy;
    expect(s.indicators[1]).toEqual({ name: 'sma_fast', type: 'sma', params: { period: 10 } });
    expect(s.training_data.timeframes).toEqual(['1h', '4h']);
    expect(s.training_data.base_timeframe).toBe('1h');
    expect(s.model.training.seed).toBe(42);
    expect(s.fuzzy_sets['rsi']!['high']).toEqual({ type: 'gaussian', parameters: [80, 10] });
  });

  it('lists every problem with its path', () => {
    const yaml = `
name: bad/name
training_data: { symbols: [AAPL], timeframes: [1h, 2h], base_timeframe: 1d }
indicators:
  - { name: rsi, type: rsi, period: 1 }
  - { name: m, type: macd, fast: 30, slow: 20 }
  - { name: x, type: nope }
  - { name: s, type: sma, perod: 5 }
fuzzy_sets:
  rsi: { low: { type: triangular, parameters: [40, 20, 0] } }
  ghost: { a: { type: gaussian, parameters: [0, 0] } }
model:
  architecture: { hidden_layers: [0], activation: swish }
  training: { epochs: 0 }
training:
  labels: { zigzag_threshold: 0.05 }
  data_split: { train: 0.5, validation: 0.2, test: 0.2 }
`;
    const result = parseStrategy(yaml);
    expect(result.ok).toBe(false);
    const got = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: must match/),
        "training_data.timeframes[1]: unknown timeframe '2h'",
        'training_data.base_timeframe: must be one of training_data.timeframes',
        'indicators[0].period: must be ≥ 2',
        'indicators[1].fast: must be < slow (20)',
        expect.stringMatching(/^indicators\[2\]\.type: must be one of/),
        'indicators[3].perod: unknown field',
        'fuzzy_sets.rsi.low.parameters: must be in ascending order',
        expect.stringMatching(/^fuzzy_sets.ghost: names no indicator/),
        'fuzzy_sets.ghost.a.parameters[1]: σ must be > 0',
        'model.architecture.hidden_layers[0]: must be ≥ 1',
        expect.stringMatching(/^model.architecture.activation: must be one of/),
        'model.training.epochs: must be ≥ 1',
        expect.stringMatching(/^training.data_split: must sum to 1/),
      ]),
    );
    expect(got).toHaveLength(14);
  });

  it('requires the name to equal the file stem', () => {
    const result = parseStrategy(strategyYaml({ name: 'other' }), { expectedName: 'rsi_test' });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'name', message: "must equal the file name 'rsi_test'" }],
    });
  });

  it('reports YAML syntax errors and non-mapping documents', () => {
    const broken = parseStrategy('name: [unclosed');
    expect(broken.ok).toBe(false);
    expect(parseStrategy('- 1\n- 2')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'a strategy file must be a YAML mapping' }],
    });
  });
});
