import { lastValueFrom, toArray } from 'rxjs';
import { InMemoryOperationEventBus } from './in-memory-operation-event-bus';
import type { OperationEvent, OperationRecord } from '../model/operation.types';

const progress = (id: string, seq: number): OperationEvent => ({
  kind: 'progress',
  operation_id: id,
  seq,
  progress: {
    seq,
    percentage: seq,
    message: '',
    step_name: 'run',
    steps_completed: 0,
    steps_total: 1,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: '2025-01-01T00:00:00.000Z',
  },
});
const status = (id: string, seq: number): OperationEvent => ({
  kind: 'status',
  operation_id: id,
  seq,
  status: 'completed',
  operation: { operation_id: id, status: 'completed' } as OperationRecord,
});

describe('InMemoryOperationEventBus', () => {
  it('delivers an operation’s events to its subscribers only, ending after the status', async () => {
    const bus = new InMemoryOperationEventBus();
    const a = lastValueFrom(bus.events('a').pipe(toArray()));
    const b: OperationEvent[] = [];
    bus.events('b').subscribe((e) => b.push(e));
    bus.publish(progress('a', 1));
    bus.publish(progress('b', 1));
    bus.publish(status('a', 2));
    await expect(a).resolves.toEqual([progress('a', 1), status('a', 2)]);
    expect(b).toEqual([progress('b', 1)]);
  });

  it('frees a channel when its last subscriber leaves or its status is published', () => {
    const bus = new InMemoryOperationEventBus();
    const one = bus.events('a').subscribe();
    const two = bus.events('a').subscribe();
    bus.events('b').subscribe();
    expect(bus.channelCount).toBe(2);
    one.unsubscribe();
    expect(bus.channelCount).toBe(2);
    two.unsubscribe();
    expect(bus.channelCount).toBe(1);
    bus.publish(status('b', 1));
    expect(bus.channelCount).toBe(0);
  });

  it('drops events nobody listens to and serves a new subscriber after a status', () => {
    const bus = new InMemoryOperationEventBus();
    bus.publish(progress('a', 1));
    const seen: number[] = [];
    bus.events('a').subscribe((e) => seen.push(e.seq));
    bus.publish(status('a', 2));
    bus.events('a').subscribe((e) => seen.push(e.seq));
    bus.publish(progress('a', 3));
    expect(seen).toEqual([2, 3]);
  });

  it('sends each progress once and in seq order: an older or repeated one is dropped', () => {
    const bus = new InMemoryOperationEventBus();
    const seen: string[] = [];
    bus.events('a').subscribe((e) => seen.push(`${e.kind[0]}${e.seq}`));
    for (const seq of [1, 3, 2, 3, 4]) bus.publish(progress('a', seq));
    bus.publish(status('a', 5));
    expect(seen).toEqual(['p1', 'p3', 'p4', 's5']);
  });

  it('publishes the feed and completes everything on close', async () => {
    const bus = new InMemoryOperationEventBus();
    const feed = lastValueFrom(bus.feed$.pipe(toArray()));
    const events = lastValueFrom(bus.events('a').pipe(toArray()));
    const operation = { operation_id: 'a' } as OperationRecord;
    bus.publishFeed({ kind: 'created', operation });
    bus.close();
    await expect(feed).resolves.toEqual([{ kind: 'created', operation }]);
    await expect(events).resolves.toEqual([]);
  });
});
