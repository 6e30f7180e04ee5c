import { InProcessSeriesLock } from './in-process-series-lock';

/** A task that holds the lock until the test lets it go, recording when it ran. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const task = async (): Promise<string> => {
    log.push(`${name} start`);
    started();
    await opened;
    log.push(`${name} end`);
    return name;
  };
  return { task, open, running };
}

describe('InProcessSeriesLock', () => {
  it('runs the tasks of one key one at a time, in order; other keys meanwhile', async () => {
    const lock = new InProcessSeriesLock();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const other = gate(log, 'other');

    const first = lock.run('AAPL_1h', a.task);
    const second = lock.run('AAPL_1h', b.task);
    const elsewhere = lock.run('MSFT_1h', other.task);
    await Promise.all([a.running, other.running]);
    expect(log).toEqual(['a start', 'other start']);

    a.open();
    await b.running;
    b.open();
    other.open();
    await expect(Promise.all([first, second, elsewhere])).resolves.toEqual(['a', 'b', 'other']);
    expect(log.indexOf('b start')).toBeGreaterThan(log.indexOf('a end'));
    expect(lock.size).toBe(0);
  });

  it('releases the key when a task fails', async () => {
    const lock = new InProcessSeriesLock();
    await expect(lock.run('k', () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await expect(lock.run('k', () => Promise.resolve(1))).resolves.toBe(1);
    expect(lock.size).toBe(0);
  });

  it('an aborted waiter never runs; whoever queues after it still waits for the holder', async () => {
    const lock = new InProcessSeriesLock();
    const log: string[] = [];
    const holder = gate(log, 'holder');
    const held = lock.run('k', holder.task);
    await holder.running;

    const controller = new AbortController();
    const gaveUp = lock.run('k', () => Promise.resolve(log.push('aborted ran')), controller.signal);
    controller.abort();
    await expect(gaveUp).rejects.toMatchObject({ name: 'AbortError' });

    const next = gate(log, 'next');
    const after = lock.run('k', next.task);
    // Give `next` every chance to start too early.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['holder start']);

    holder.open();
    await next.running;
    next.open();
    await Promise.all([held, after]);
    expect(log).toEqual(['holder start', 'holder end', 'next start', 'next end']);
    expect(lock.size).toBe(0);
  });

  it('rejects at once with an already aborted signal', async () => {
    const lock = new InProcessSeriesLock();
    const task = jest.fn(() => Promise.resolve());
    await expect(lock.run('k', task, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(task).not.toHaveBeenCalled();
    expect(lock.size).toBe(0);
  });
});
