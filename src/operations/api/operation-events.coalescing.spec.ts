import { lastValueFrom, Subject, toArray } from 'rxjs';
import type { OperationEvent } from '@ktrdr/operations';
import { coalesceOperationEvents, mustDeliverOperationEvent } from './operation-events.coalescing';
import { progressEvent, statusEvent } from './testing/operation-events.fixture';

const progress = progressEvent;
const status = statusEvent;

describe('mustDeliverOperationEvent', () => {
  it('lets through the first event, a step change and the status; holds same-step progress', () => {
    expect(mustDeliverOperationEvent(progress(1, 'a'), undefined)).toBe(true);
    expect(mustDeliverOperationEvent(progress(2, 'a'), progress(1, 'a'))).toBe(false);
    expect(mustDeliverOperationEvent(progress(3, 'b'), progress(2, 'a'))).toBe(true);
    expect(mustDeliverOperationEvent(status(4), progress(3, 'b'))).toBe(true);
  });
});

describe('coalesceOperationEvents', () => {
  afterEach(() => jest.useRealTimers());

  it('delivers at most one update per 100 ms, every step change and the status', async () => {
    jest.useFakeTimers();
    const source = new Subject<OperationEvent>();
    const delivered = lastValueFrom(source.pipe(coalesceOperationEvents(), toArray()));
    let seq = 0;
    for (const step of ['a', 'b']) {
      for (let i = 0; i < 500; i++) {
        source.next(progress(++seq, step));
        if (i % 50 === 0) jest.advanceTimersByTime(10);
      }
    }
    source.next(status(++seq));
    source.complete();
    const events = await delivered;
    expect(events.length).toBeLessThan(10);
    expect(events.filter((e) => e.kind === 'progress').map((e) => e.seq)).toEqual(
      expect.arrayContaining([1, 501]),
    );
    expect(events.at(-1)).toEqual(status(1001));
  });
});
