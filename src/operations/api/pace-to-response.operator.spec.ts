import { EventEmitter } from 'node:events';
import { Subject } from 'rxjs';
import type { OperationEvent } from '@ktrdr/operations';
import { paceToResponse } from './pace-to-response.operator';
import { progressEvent, statusEvent } from './testing/operation-events.fixture';

/** A response whose buffer the test fills and drains. */
class FakeResponse extends EventEmitter {
  writableNeedDrain = false;
  drain(): void {
    this.writableNeedDrain = false;
    this.emit('drain');
  }
}

const progress = progressEvent;
const status = statusEvent;

function start(): {
  res: FakeResponse;
  source: Subject<OperationEvent>;
  seen: number[];
  done: () => boolean;
  stop: () => void;
} {
  const res = new FakeResponse();
  const source = new Subject<OperationEvent>();
  const seen: number[] = [];
  let completed = false;
  const subscription = source.pipe(paceToResponse(res)).subscribe({
    next: (e) => seen.push(e.seq),
    complete: () => (completed = true),
  });
  return { res, source, seen, done: () => completed, stop: () => subscription.unsubscribe() };
}

describe('paceToResponse', () => {
  it('passes events straight through while the response drains', () => {
    const { source, seen, done } = start();
    [1, 2, 3].forEach((seq) => source.next(progress(seq, 'a')));
    source.complete();
    expect(seen).toEqual([1, 2, 3]);
    expect(done()).toBe(true);
  });

  it('holds only the newest progress per step and the status while blocked, then sends them in seq order', () => {
    const { res, source, seen, done } = start();
    source.next(progress(1, 'a'));
    res.writableNeedDrain = true;
    for (let seq = 2; seq <= 1000; seq++) source.next(progress(seq, seq % 2 === 0 ? 'a' : 'b'));
    source.next(status(1001));
    source.complete();
    expect(seen).toEqual([1]);
    expect(done()).toBe(false);

    res.drain();

    expect(seen).toEqual([1, 999, 1000, 1001]);
    expect(done()).toBe(true);
  });

  it('stops flushing as soon as the response is full again, and resumes on the next drain', () => {
    const res = new FakeResponse();
    const source = new Subject<OperationEvent>();
    const seen: number[] = [];
    // Every event written fills the response's buffer again.
    source.pipe(paceToResponse(res)).subscribe((e) => {
      seen.push(e.seq);
      res.writableNeedDrain = true;
    });
    res.writableNeedDrain = true;
    source.next(progress(1, 'a'));
    source.next(progress(2, 'b'));

    res.drain();
    expect(seen).toEqual([1]);
    res.drain();
    expect(seen).toEqual([1, 2]);
  });

  it('stops listening for drain once unsubscribed', () => {
    const { res, stop } = start();
    expect(res.listenerCount('drain')).toBe(1);
    stop();
    expect(res.listenerCount('drain')).toBe(0);
  });
});
