import { once, EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { CancellationError } from './cancellation-error';
import { CancellationToken } from './cancellation-token';

describe('CancellationError', () => {
  it('carries code, reason and an optional partial result', () => {
    const error = new CancellationError('user request', { partialResult: { bars: 10 } });

    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('CANCELLED');
    expect(error.reason).toBe('user request');
    expect(error.partialResult).toEqual({ bars: 10 });
    expect(error.message).toContain('user request');
    expect(new CancellationError('x')).not.toHaveProperty('partialResult');
  });

  it('is() tells a cancellation from a failure', () => {
    expect(CancellationError.is(new CancellationError('x'))).toBe(true);
    expect(CancellationError.is(new Error('boom'))).toBe(false);
    expect(CancellationError.is('CANCELLED')).toBe(false);
    expect(CancellationError.is(undefined)).toBe(false);
  });

  it("recognises the AbortError a Node API raises on our token's abort", async () => {
    const token = new CancellationToken();
    const pending = delay(10_000, undefined, { signal: token.signal });
    token.cancel('stop');

    const error: unknown = await pending.catch((e: unknown) => e);

    expect((error as Error).name).toBe('AbortError');
    expect(CancellationError.is(error)).toBe(true);
    expect(CancellationError.from(error)?.reason).toBe('stop');
  });

  it('recognises the AbortError of events.once aborted by our token', async () => {
    const token = new CancellationToken();
    const pending = once(new EventEmitter(), 'never', { signal: token.signal });
    token.cancel('shutdown');

    const error: unknown = await pending.catch((e: unknown) => e);

    expect(CancellationError.from(error)?.reason).toBe('shutdown');
  });

  it('does not recognise an AbortError of a foreign signal', async () => {
    const controller = new AbortController();
    const pending = delay(10_000, undefined, { signal: controller.signal });
    controller.abort();

    const error: unknown = await pending.catch((e: unknown) => e);

    expect((error as Error).name).toBe('AbortError');
    expect(CancellationError.is(error)).toBe(false);
    expect(CancellationError.from(error)).toBeNull();
  });
});
