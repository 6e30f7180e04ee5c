import { getEventListeners } from 'node:events';
import { sleep } from './cancellable-sleep';
import { CancellationError } from './cancellation-error';
import { CancellationToken } from './cancellation-token';

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves after the delay and removes its abort listener', async () => {
    const token = new CancellationToken();
    const resolved = jest.fn();
    const pending = sleep(1000, token.signal).then(resolved);

    await jest.advanceTimersByTimeAsync(999);
    expect(resolved).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await pending;

    expect(resolved).toHaveBeenCalled();
    expect(getEventListeners(token.signal, 'abort')).toHaveLength(0);
  });

  it('works without a signal', async () => {
    const pending = sleep(50);
    await jest.advanceTimersByTimeAsync(50);
    await expect(pending).resolves.toBeUndefined();
  });

  it("rejects at once with the token's CancellationError and clears its timer", async () => {
    const token = new CancellationToken();
    const pending = sleep(60_000, token.signal);

    token.cancel('user request');

    await expect(pending).rejects.toBeInstanceOf(CancellationError);
    await expect(pending).rejects.toMatchObject({ reason: 'user request' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects at once when the signal was already aborted, without a timer', async () => {
    const token = new CancellationToken();
    token.cancel('before');

    await expect(sleep(1000, token.signal)).rejects.toMatchObject({ reason: 'before' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it("rejects with CancellationError('cancelled') for a foreign signal", async () => {
    const controller = new AbortController();
    const pending = sleep(1000, controller.signal);

    controller.abort();

    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED', reason: 'cancelled' });
  });
});
