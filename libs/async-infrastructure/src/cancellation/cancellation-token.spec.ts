import { getEventListeners } from 'node:events';
import { CancellationError } from './cancellation-error';
import { CancellationToken } from './cancellation-token';

describe('CancellationToken', () => {
  it('starts uncancelled', () => {
    const token = new CancellationToken();

    expect(token.isCancelled).toBe(false);
    expect(token.reason).toBeNull();
    expect(token.signal.aborted).toBe(false);
    expect(() => token.throwIfCancelled()).not.toThrow();
  });

  it('cancels its real AbortSignal with a CancellationError reason', () => {
    const token = new CancellationToken();
    token.cancel('user request');

    expect(token.isCancelled).toBe(true);
    expect(token.reason).toBe('user request');
    expect(token.signal.aborted).toBe(true);
    expect(token.signal.reason).toBeInstanceOf(CancellationError);
    expect((token.signal.reason as CancellationError).reason).toBe('user request');
  });

  it("defaults the reason to 'cancelled'", () => {
    const token = new CancellationToken();
    token.cancel();
    expect(token.reason).toBe('cancelled');
  });

  it('keeps the first reason', () => {
    const token = new CancellationToken();
    const abort = jest.fn();
    token.signal.addEventListener('abort', abort);

    token.cancel('first');
    token.cancel('second');

    expect(token.reason).toBe('first');
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it('throwIfCancelled throws a CancellationError with the reason', () => {
    const token = new CancellationToken();
    token.cancel('timeout');

    expect(() => token.throwIfCancelled()).toThrow(CancellationError);
    try {
      token.throwIfCancelled();
    } catch (e) {
      expect(CancellationError.from(e)?.reason).toBe('timeout');
    }
  });

  describe('onCancel', () => {
    it('calls back once with the reason', () => {
      const token = new CancellationToken();
      const cb = jest.fn();
      token.onCancel(cb);

      token.cancel('stop');
      token.cancel('again');

      expect(cb).toHaveBeenCalledTimes(1);
      expect(cb).toHaveBeenCalledWith('stop');
    });

    it('calls back at once when already cancelled', () => {
      const token = new CancellationToken();
      token.cancel('earlier');
      const cb = jest.fn();

      token.onCancel(cb);

      expect(cb).toHaveBeenCalledWith('earlier');
    });

    it('unsubscribes', () => {
      const token = new CancellationToken();
      const cb = jest.fn();
      const off = token.onCancel(cb);

      off();
      token.cancel();

      expect(cb).not.toHaveBeenCalled();
      expect(getEventListeners(token.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('child', () => {
    it("is cancelled with the parent's reason", () => {
      const parent = new CancellationToken();
      const child = parent.child();
      const grandchild = child.child();

      parent.cancel('shutdown');

      expect(child.reason).toBe('shutdown');
      expect(grandchild.reason).toBe('shutdown');
      expect(grandchild.signal.aborted).toBe(true);
    });

    it('does not cancel the parent', () => {
      const parent = new CancellationToken();
      const child = parent.child();

      child.cancel('child only');

      expect(child.isCancelled).toBe(true);
      expect(parent.isCancelled).toBe(false);
    });

    it('is born cancelled under a cancelled parent', () => {
      const parent = new CancellationToken();
      parent.cancel('gone');

      const child = parent.child();

      expect(child.reason).toBe('gone');
    });

    it('detaches from the parent on dispose, leaving no listener', () => {
      const parent = new CancellationToken();
      const children = Array.from({ length: 50 }, () => parent.child());
      expect(getEventListeners(parent.signal, 'abort')).toHaveLength(50);

      children.forEach((c) => c.dispose());

      expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
      parent.cancel();
      expect(children.some((c) => c.isCancelled)).toBe(false);
    });

    it('detaches from the parent when cancelled itself', () => {
      const parent = new CancellationToken();
      const child = parent.child();

      child.cancel();

      expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    });
  });
});
