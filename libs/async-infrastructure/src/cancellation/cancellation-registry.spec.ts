import { CancellationRegistry } from './cancellation-registry';

describe('CancellationRegistry', () => {
  let registry: CancellationRegistry;

  beforeEach(() => {
    registry = new CancellationRegistry();
  });

  it('creates one token per operation', () => {
    const token = registry.create('op_1');

    expect(registry.get('op_1')).toBe(token);
    expect(registry.size).toBe(1);
    expect(() => registry.create('op_1')).toThrow(/op_1/);
  });

  it("cancels an operation's token", () => {
    const token = registry.create('op_1');

    expect(registry.cancel('op_1', 'user request')).toBe(true);
    expect(token.reason).toBe('user request');
  });

  it('answers false when it holds no token for the operation', () => {
    expect(registry.cancel('op_unknown', 'x')).toBe(false);
  });

  it('releases a token', () => {
    registry.create('op_1');

    registry.release('op_1');
    registry.release('op_1');

    expect(registry.get('op_1')).toBeUndefined();
    expect(registry.size).toBe(0);
    expect(registry.cancel('op_1', 'x')).toBe(false);
  });

  it('cancels every current token and counts those newly cancelled', () => {
    const a = registry.create('op_a');
    const b = registry.create('op_b');
    registry.create('op_c').cancel('earlier');

    expect(registry.cancelAll('shutdown')).toBe(2);
    expect(a.reason).toBe('shutdown');
    expect(b.reason).toBe('shutdown');
    expect(registry.get('op_c')?.reason).toBe('earlier');
  });

  it('leaves no lasting flag: a token created after cancelAll is not cancelled', () => {
    registry.create('op_a');
    registry.cancelAll('shutdown');

    const later = registry.create('op_later');

    expect(later.isCancelled).toBe(false);
  });
});
