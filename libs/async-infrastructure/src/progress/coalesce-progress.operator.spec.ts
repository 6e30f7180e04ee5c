import { Subject, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { coalesceProgress } from './coalesce-progress.operator';

interface Ev {
  step: string;
  n: number;
  terminal?: boolean;
}

const mustDeliver = (e: Ev, last: Ev | undefined): boolean =>
  e.terminal === true || e.step !== last?.step;

describe('coalesceProgress', () => {
  describe('marbles', () => {
    let scheduler: TestScheduler;

    beforeEach(() => {
      scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    });

    const values = {
      a: { step: 's1', n: 1 },
      b: { step: 's1', n: 2 },
      c: { step: 's1', n: 3 },
      d: { step: 's2', n: 4 },
      e: { step: 's2', n: 5 },
      t: { step: 's2', n: 6, terminal: true },
    };

    it('delivers the first event at once and the latest at the end of the interval', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a 1ms b 1ms c 20ms |', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'a 9ms c 14ms |',
          values,
        );
      });
    });

    it('delivers a step change at once, dropping the pending older event', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a 1ms b 1ms d 20ms |', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'a 3ms d 20ms |',
          values,
        );
      });
    });

    it('delivers an ordinary event at once after a quiet interval', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a 20ms b 5ms |', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'a 20ms b 5ms |',
          values,
        );
      });
    });

    it('flushes the pending event before completing', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a b c |', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'a 2ms (c|)',
          values,
        );
      });
    });

    it('passes an error through at once', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a b #', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'a 1ms #',
          values,
        );
      });
    });

    it('delivers the terminal event at once', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('d e t 30ms |', values);
        expectObservable(source.pipe(coalesceProgress({ intervalMs: 10, mustDeliver }))).toBe(
          'd 1ms t 30ms |',
          values,
        );
      });
    });

    it('uses the scheduler it is given', () => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = cold('a b 30ms |', values);
        expectObservable(
          source.pipe(coalesceProgress({ intervalMs: 5, mustDeliver, scheduler })),
        ).toBe('a 4ms b 26ms |', values);
      });
    });
  });

  describe('10,000 events in one second (fake timers)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    function run(stepEvery: number): { delivered: Ev[]; done: Promise<Ev[]> } {
      const source = new Subject<Ev>();
      const delivered: Ev[] = [];
      const done = lastValueFrom(
        source.pipe(coalesceProgress({ intervalMs: 100, mustDeliver }), toArray()),
      );
      source.pipe(coalesceProgress({ intervalMs: 100, mustDeliver })).subscribe((e) => {
        delivered.push(e);
      });
      for (let ms = 0; ms < 1000; ms += 1) {
        for (let k = 0; k < 10; k += 1) {
          const n = ms * 10 + k;
          source.next({ step: `s${Math.floor(n / stepEvery)}`, n });
        }
        jest.advanceTimersByTime(1);
      }
      source.next({ step: 'end', n: 10_000, terminal: true });
      source.complete();
      return { delivered, done };
    }

    it('delivers at most ~11 updates and the last state', async () => {
      const { delivered, done } = run(Number.POSITIVE_INFINITY);

      expect(delivered.length).toBeLessThanOrEqual(12);
      expect(delivered.length).toBeGreaterThanOrEqual(10);
      expect(delivered[delivered.length - 1]?.n).toBe(10_000);
      expect(await done).toEqual(delivered);
    });

    it('never loses a step change', () => {
      const { delivered } = run(1000);

      const deliveredSteps = new Set(delivered.map((e) => e.step));
      for (let s = 0; s < 10; s += 1) expect(deliveredSteps.has(`s${s}`)).toBe(true);
      // Each step change is the first event of its step.
      for (let s = 1; s < 10; s += 1) expect(delivered.some((e) => e.n === s * 1000)).toBe(true);
      expect(delivered.length).toBeLessThanOrEqual(22);
    });

    it('keeps the subscriber no more than one interval behind', () => {
      const source = new Subject<Ev>();
      const delivered: Ev[] = [];
      source.pipe(coalesceProgress({ intervalMs: 100, mustDeliver })).subscribe((e) => {
        delivered.push(e);
      });
      for (let n = 0; n < 50; n += 1) source.next({ step: 's', n });

      jest.advanceTimersByTime(100);

      expect(delivered.map((e) => e.n)).toEqual([0, 49]);
    });

    it('clears its timer when unsubscribed', () => {
      const source = new Subject<Ev>();
      const sub = source.pipe(coalesceProgress({ mustDeliver })).subscribe();
      source.next({ step: 's', n: 1 });
      source.next({ step: 's', n: 2 });
      expect(jest.getTimerCount()).toBe(1);

      sub.unsubscribe();

      expect(jest.getTimerCount()).toBe(0);
      expect(source.observed).toBe(false);
    });
  });
});
