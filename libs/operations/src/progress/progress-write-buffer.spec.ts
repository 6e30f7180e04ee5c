import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import { ProgressWriteBuffer } from './progress-write-buffer';

function snap(seq: number, step: string | null = 'load'): ProgressSnapshot {
  return {
    seq,
    percentage: Math.min(100, seq / 10),
    message: `#${seq}`,
    step_name: step,
    steps_completed: 0,
    steps_total: 2,
    items_processed: seq,
    items_total: 1000,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: new Date(0).toISOString(),
  };
}

describe('ProgressWriteBuffer', () => {
  /** Each write: the snapshot stored and the step changes appended as events. */
  let writes: { id: string; seq: number; steps: number[] }[];
  let errors: unknown[];
  let buffer: ProgressWriteBuffer;

  beforeEach(() => {
    jest.useFakeTimers();
    writes = [];
    errors = [];
    buffer = new ProgressWriteBuffer({
      write: (id, s, steps) => {
        writes.push({ id, seq: s.seq, steps: steps.map((x) => x.seq) });
        return Promise.resolve();
      },
      onError: (_id, e) => errors.push(e),
    });
  });

  afterEach(() => {
    buffer.stop();
    jest.useRealTimers();
  });

  it('writes the first snapshot and every step change as soon as it can, as events', async () => {
    expect(buffer.offer('a', snap(1, 'load'))).toBe(true);
    expect(buffer.offer('a', snap(2, 'load'))).toBe(true);
    expect(buffer.offer('a', snap(3, 'save'))).toBe(true);
    expect(buffer.offer('a', snap(4, null))).toBe(true);
    await jest.advanceTimersByTimeAsync(0);
    // The step changes taken while the first write was in flight go together in the next one.
    expect(writes).toEqual([
      { id: 'a', seq: 1, steps: [1] },
      { id: 'a', seq: 4, steps: [3, 4] },
    ]);
    // Nothing in flight: a step change is written at once, without waiting for the timer.
    buffer.offer('a', snap(5, 'done'));
    expect(writes.at(-1)).toEqual({ id: 'a', seq: 5, steps: [5] });
  });

  it('refuses snapshots whose seq is not newer', () => {
    buffer.offer('a', snap(5));
    expect(buffer.offer('a', snap(5))).toBe(false);
    expect(buffer.offer('a', snap(3))).toBe(false);
    expect(buffer.latest('a')?.seq).toBe(5);
  });

  it('throttles other snapshots to the latest one per operation every 100 ms', async () => {
    // 10,000 snapshots over one second, one step: the first at once, then ≤ 1 write per 100 ms.
    for (let seq = 1; seq <= 10_000; seq++) {
      buffer.offer('a', snap(seq));
      if (seq % 10 === 0) await jest.advanceTimersByTimeAsync(1);
    }
    await jest.advanceTimersByTimeAsync(100);
    expect(writes[0]).toEqual({ id: 'a', seq: 1, steps: [1] });
    expect(writes.length).toBeLessThanOrEqual(12);
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.at(-1)).toEqual({ id: 'a', seq: 10_000, steps: [] });
    const seqs = writes.map((w) => w.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('writes nothing more before the interval ends', async () => {
    buffer.offer('a', snap(1));
    buffer.offer('a', snap(2));
    buffer.offer('b', snap(1));
    buffer.offer('b', snap(2));
    await jest.advanceTimersByTimeAsync(99);
    // seq 2 of each waits for the timer; only the first snapshots are written yet.
    expect(writes.map((w) => `${w.id}${w.seq}`)).toEqual(['a1', 'b1']);
    await jest.advanceTimersByTimeAsync(1);
    expect(writes.map((w) => `${w.id}${w.seq}`)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('close writes the pending snapshot, returns the last seq and refuses later ones', async () => {
    buffer.offer('a', snap(1));
    buffer.offer('a', snap(2));
    await expect(buffer.close('a')).resolves.toBe(2);
    expect(writes.map((w) => w.seq)).toEqual([1, 2]);
    expect(buffer.offer('a', snap(3, 'other'))).toBe(false);
    expect(buffer.latest('a')).toBeUndefined();
    await expect(buffer.close('never-seen')).resolves.toBe(0);
  });

  it('keeps one operation’s writes in order and waits for them on settle', async () => {
    const order: number[] = [];
    let release: () => void = () => undefined;
    const slow = new ProgressWriteBuffer({
      write: (_id, s) => {
        order.push(s.seq);
        return s.seq === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      onError: () => undefined,
    });
    slow.offer('a', snap(1, 'x'));
    slow.offer('a', snap(2, 'y'));
    await jest.advanceTimersByTimeAsync(0);
    expect(order).toEqual([1]);
    let settled = false;
    const settling = slow.settle('a').then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    release();
    await settling;
    expect(order).toEqual([1, 2]);
  });

  it('keeps one write in flight; meanwhile only the latest snapshot and the step changes wait', async () => {
    const calls: { seq: number; steps: number[] }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = new ProgressWriteBuffer({
      write: async (_id, s, steps) => {
        calls.push({ seq: s.seq, steps: steps.map((x) => x.seq) });
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 250)); // slower than the 100 ms tick
        inFlight--;
      },
      onError: () => undefined,
    });
    // Two seconds of progress, one snapshot every 10 ms, with a step change every 500 ms.
    for (let seq = 1; seq <= 200; seq++) {
      slow.offer('a', snap(seq, `step${Math.floor((seq - 1) / 50)}`));
      await jest.advanceTimersByTimeAsync(10);
    }
    const written = calls.length;
    let closed = false;
    const closing = slow.close('a').then((last) => (closed = last === 200));
    // The write in flight, then one with what is pending: at most two writes of 250 ms.
    await jest.advanceTimersByTimeAsync(500);
    expect(closed).toBe(true);
    await closing;
    expect(calls.length - written).toBeLessThanOrEqual(2);
    expect(maxInFlight).toBe(1);
    expect(calls.at(-1)?.seq).toBe(200);
    // No step change was lost, each stored once, in order.
    expect(calls.flatMap((c) => c.steps)).toEqual([1, 51, 101, 151]);
    const seqs = calls.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    slow.stop();
  });

  it('folds step changes taken during a write into the next one', async () => {
    const calls: { seq: number; steps: number[] }[] = [];
    let release: () => void = () => undefined;
    const slow = new ProgressWriteBuffer({
      write: (_id, s, steps) => {
        calls.push({ seq: s.seq, steps: steps.map((x) => x.seq) });
        return calls.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      onError: () => undefined,
    });
    slow.offer('a', snap(1, 'x'));
    slow.offer('a', snap(2, 'y'));
    slow.offer('a', snap(3, 'y'));
    slow.offer('a', snap(4, 'z'));
    slow.offer('a', snap(5, 'z'));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([{ seq: 1, steps: [1] }]);
    release();
    await slow.settle('a');
    expect(calls).toEqual([
      { seq: 1, steps: [1] },
      { seq: 5, steps: [2, 4] },
    ]);
    slow.stop();
  });

  it('reports a failed write and carries on', async () => {
    const failing = new ProgressWriteBuffer({
      write: (_id, s) => (s.seq === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      onError: (_id, e) => errors.push(e),
    });
    failing.offer('a', snap(1, 'x'));
    failing.offer('a', snap(2, 'y'));
    await failing.settle('a');
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('disk full');
  });

  it('flushAll writes every pending snapshot', async () => {
    buffer.offer('a', snap(1));
    buffer.offer('a', snap(2));
    buffer.offer('b', snap(1));
    buffer.offer('b', snap(7));
    await buffer.flushAll();
    expect(writes.map((w) => `${w.id}${w.seq}`)).toEqual(['a1', 'b1', 'a2', 'b7']);
  });

  it('forgets the oldest closed ids beyond its memory', async () => {
    const small = new ProgressWriteBuffer({
      write: () => Promise.resolve(),
      onError: () => undefined,
      closedMemory: 2,
    });
    await small.close('a');
    await small.close('b');
    await small.close('c');
    expect(small.offer('a', snap(1))).toBe(true);
    expect(small.offer('c', snap(1))).toBe(false);
  });

  it('says when the write carrying a snapshot has ended: a step change one write away', async () => {
    const done: number[] = [];
    const note = (seq: number) => () => done.push(seq);
    buffer.offer('a', snap(1, 'load')); // written at once
    void buffer.whenStored('a', 1).then(note(1));
    buffer.offer('a', snap(2, 'load')); // throttled: the timer's write
    void buffer.whenStored('a', 2).then(note(2));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toEqual([1]);
    await jest.advanceTimersByTimeAsync(100);
    expect(done).toEqual([1, 2]);
    // Already written, or the operation closed: at once.
    await expect(buffer.whenStored('a', 2)).resolves.toBeUndefined();
    await buffer.close('a');
    await expect(buffer.whenStored('a', 99)).resolves.toBeUndefined();
  });
});
