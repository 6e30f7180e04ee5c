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
  let writes: { id: string; seq: number; step: boolean }[];
  let errors: unknown[];
  let buffer: ProgressWriteBuffer;

  beforeEach(() => {
    jest.useFakeTimers();
    writes = [];
    errors = [];
    buffer = new ProgressWriteBuffer({
      write: (id, s, step) => {
        writes.push({ id, seq: s.seq, step });
        return Promise.resolve();
      },
      onError: (_id, e) => errors.push(e),
    });
  });

  afterEach(() => {
    buffer.stop();
    jest.useRealTimers();
  });

  it('writes the first snapshot and every step change at once, as events', async () => {
    expect(buffer.offer('a', snap(1, 'load'))).toBe(true);
    expect(buffer.offer('a', snap(2, 'load'))).toBe(true);
    expect(buffer.offer('a', snap(3, 'save'))).toBe(true);
    expect(buffer.offer('a', snap(4, null))).toBe(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([
      { id: 'a', seq: 1, step: true },
      { id: 'a', seq: 3, step: true },
      { id: 'a', seq: 4, step: true },
    ]);
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
    expect(writes[0]).toEqual({ id: 'a', seq: 1, step: true });
    expect(writes.length).toBeLessThanOrEqual(12);
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.at(-1)).toEqual({ id: 'a', seq: 10_000, step: false });
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
});
