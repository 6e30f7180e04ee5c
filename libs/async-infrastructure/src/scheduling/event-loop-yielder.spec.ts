import { performance } from 'node:perf_hooks';
import { EventLoopYielder } from './event-loop-yielder';

/** Keeps the CPU busy for `ms` (synchronous work). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('EventLoopYielder', () => {
  it('many concurrent yielders share one budget per turn of the loop', async () => {
    // A chain of immediates counts the turns of the loop; each unit of work notes its turn.
    let turn = 0;
    let running = true;
    const tick = (): void => {
      turn++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const unitsPerTurn = new Map<number, number>();
    const task = async (): Promise<void> => {
      const yielder = new EventLoopYielder(20);
      for (let i = 0; i < 8; i++) {
        await yielder.yieldIfDue();
        busy(10);
        unitsPerTurn.set(turn, (unitsPerTurn.get(turn) ?? 0) + 1);
      }
    };
    // Five yielders with their own 20 ms slices would each run 2 units in every turn (10).
    await Promise.all(Array.from({ length: 5 }, task));
    running = false;
    expect([...unitsPerTurn.values()].reduce((a, b) => a + b, 0)).toBe(40);
    // The first turn runs every task's first unit (each passed its check before any worked);
    // from then on a turn holds about one budget of work.
    unitsPerTurn.delete(0);
    expect(Math.max(...unitsPerTurn.values())).toBeLessThanOrEqual(3);
  });

  it('yielders that gave way resume in order, one per turn', async () => {
    const order: number[] = [];
    const task = async (id: number): Promise<void> => {
      const yielder = new EventLoopYielder(0);
      for (let i = 0; i < 3; i++) {
        await yielder.yieldIfDue();
        order.push(id);
      }
    };
    await Promise.all([1, 2, 3].map(task));
    expect(order).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('a lone yielder works its whole slice before it yields', async () => {
    let turns = 0;
    const probe = setImmediate(() => turns++);
    const yielder = new EventLoopYielder(60_000);
    for (let i = 0; i < 5; i++) {
      await yielder.yieldIfDue();
      busy(2);
    }
    expect(turns).toBe(0);
    clearImmediate(probe);
  });
});
