import { freezeTrainingContext, type TrainingOperationContext } from './training-operation.context';
import { sampleStrategy } from './testing/sample-strategy';

describe('freezeTrainingContext', () => {
  const input = (): TrainingOperationContext => ({
    strategy: sampleStrategy(),
    strategy_name: 'rsi_mlp',
    symbols: ['AAPL'],
    timeframes: ['1h'],
    start_ms: 0,
    end_ms: 1000,
    seed: 42,
    venue: { kind: 'local' },
  });

  it('freezes every level: the strategy, its sections and the arrays', () => {
    const ctx = freezeTrainingContext(input());
    expect(() => {
      (ctx as { seed: number }).seed = 1;
    }).toThrow(/read only|read-only|not extensible/);
    expect(() => (ctx.symbols as string[]).push('MSFT')).toThrow(/not extensible/);
    expect(() => {
      (ctx.strategy.model.training as { epochs: number }).epochs = 1;
    }).toThrow(/read only|read-only|not extensible/);
    expect(() => {
      ctx.strategy.indicators[0]!.params.period = 3;
    }).toThrow(/read only|read-only|not extensible/);
  });

  it('copies: the caller keeps a mutable object and the context does not follow it', () => {
    const raw = input();
    const ctx = freezeTrainingContext(raw);
    (raw.symbols as string[]).push('MSFT');
    expect(ctx.symbols).toEqual(['AAPL']);
    expect(Object.isFrozen(raw)).toBe(false);
  });
});
