import { filter, firstValueFrom, lastValueFrom, tap, toArray } from 'rxjs';
import type { OperationEvent, OperationRecord } from '../model/operation.types';
import { progressSnapshot } from '../testing/progress-snapshot.fixture';
import { createTestRedis, type TestRedis } from '../testing/redis-test-prefix';
import { RedisOperationEventBus } from './redis-operation-event-bus';

const ID = 'op_dummy_20260101_000000_0000abcd';

const progress = (seq: number, step = 'run', id = ID): OperationEvent => ({
  kind: 'progress',
  operation_id: id,
  seq,
  progress: progressSnapshot(seq, step),
});
const status = (seq: number, id = ID): OperationEvent => ({
  kind: 'status',
  operation_id: id,
  seq,
  status: 'completed',
  operation: { operation_id: id, status: 'completed' } as OperationRecord,
});
const seqs = (events: OperationEvent[]) => events.map((e) => `${e.kind[0]}${e.seq}`);

/** Real Redis on loopback, under a key/channel prefix of this suite's own. */
describe('RedisOperationEventBus', () => {
  let redis: TestRedis;
  const buses: RedisOperationEventBus[] = [];

  async function bus(prefix = redis.prefix, progressIntervalMs?: number) {
    const created = new RedisOperationEventBus({
      redisUrl: redis.url,
      prefix,
      ...(progressIntervalMs !== undefined && { progressIntervalMs }),
    });
    buses.push(created);
    await created.onModuleInit();
    return created;
  }

  /**
   * Subscribes through `subscribe` and resolves once the relay of `b` is subscribed, with what
   * `subscribe` returned (in a tuple: a promise in it is not awaited).
   */
  async function relayed<T>(b: RedisOperationEventBus, subscribe: () => T): Promise<[T]> {
    const ready = firstValueFrom(b.gaps$);
    const subscribed = subscribe();
    await ready;
    return [subscribed];
  }

  beforeEach(async () => {
    redis = await createTestRedis();
  });
  afterEach(async () => {
    for (const b of buses.splice(0)) {
      b.close();
      await b.whenClosed();
    }
    await redis.cleanup();
  });

  it('relays one process’s events to another’s subscribers, in order, ending after the status', async () => {
    const [a, b] = [await bus(), await bus()];
    const [seen] = await relayed(b, () => lastValueFrom(b.events(ID).pipe(toArray())));
    const [own] = await relayed(a, () => lastValueFrom(a.events(ID).pipe(toArray())));
    a.publish(progress(1, 'load'));
    a.publish(progress(2, 'save'));
    a.publish(status(3));
    expect(seqs(await seen)).toEqual(['p1', 'p2', 's3']);
    // The publisher's own subscribers get each event once (not again from Redis).
    expect(seqs(await own)).toEqual(['p1', 'p2', 's3']);
    expect(b.state()).toEqual({ publishing: true, relaying: true });
    expect(a.state()).toEqual({ publishing: true, relaying: true });
  });

  it('relays the list feed, and nothing across prefixes', async () => {
    const otherPrefix = `${redis.prefix}-other`;
    const [a, b, other, otherPeer] = [
      await bus(),
      await bus(),
      await bus(otherPrefix),
      await bus(otherPrefix),
    ];
    const [feed] = await relayed(b, () => firstValueFrom(b.feed$));
    const [elsewhere] = await relayed(other, () => firstValueFrom(other.feed$));
    const operation = { operation_id: ID, status: 'pending' } as OperationRecord;
    a.publishFeed({ kind: 'created', operation });
    await expect(feed).resolves.toEqual({ kind: 'created', operation });
    // Redis runs PUBLISH one at a time: had a's entry crossed prefixes, it would come first.
    const peers = { kind: 'status_changed', operation } as const;
    otherPeer.publishFeed(peers);
    await expect(elsewhere).resolves.toEqual(peers);
  });

  it('sends a burst of progress coalesced: every step change and the latest, in seq order', async () => {
    const [a, b] = [await bus(redis.prefix, 50), await bus()];
    const [seen] = await relayed(b, () => lastValueFrom(b.events(ID).pipe(toArray())));
    for (let seq = 1; seq <= 500; seq++) a.publish(progress(seq, seq <= 250 ? 'load' : 'save'));
    a.publish(status(501));
    const events = await seen;
    expect(events.length).toBeLessThan(20);
    expect(seqs(events)).toEqual(expect.arrayContaining(['p1', 'p251', 's501']));
    const order = events.map((e) => e.seq);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // Within the last window, the progress held is dropped for the status (it is older).
    expect(seqs(events).slice(-1)).toEqual(['s501']);
  });

  it('gives a subscriber each progress once, in seq order, whoever publishes it', async () => {
    const [a, b] = [await bus(), await bus()];
    const [seen] = await relayed(b, () => lastValueFrom(b.events(ID).pipe(toArray())));
    b.publish(progress(5));
    // Each a step change, so a sends each at once; 4 is older than what b sent: dropped.
    a.publish(progress(4, 'one'));
    a.publish(progress(6, 'two'));
    a.publish(status(7));
    expect(seqs(await seen)).toEqual(['p5', 'p6', 's7']);
  });

  it('sends a step change on to the others once it is stored, what follows behind it', async () => {
    const [a, b] = [await bus(), await bus()];
    const seen: OperationEvent[] = [];
    const [ended] = await relayed(b, () =>
      lastValueFrom(
        b.events(ID).pipe(
          tap((e) => seen.push(e)),
          toArray(),
        ),
      ),
    );
    const own = lastValueFrom(a.events(ID).pipe(toArray()));
    let store = (): void => undefined;
    const stored = new Promise<void>((resolve) => (store = resolve));
    a.publish(progress(1, 'load'), () => stored);
    a.publish(progress(2, 'save'));
    a.publish(status(3));
    expect(seqs(await own)).toEqual(['p1', 'p2', 's3']); // this process's subscribers: at once
    // A feed entry goes straight out on the same connection: once b has it, b would have had p1.
    const feed = firstValueFrom(b.feed$);
    a.publishFeed({ kind: 'created', operation: { operation_id: ID } as OperationRecord });
    await feed;
    expect(seen).toEqual([]);
    store();
    expect(seqs(await ended)).toEqual(['p1', 'p2', 's3']);
  });

  it('reports a gap once the relay is back after its connection was cut, and relays again', async () => {
    const [a, b] = [await bus(), await bus()];
    const [seen] = await relayed(b, () => lastValueFrom(b.events(ID).pipe(toArray())));
    const gap = firstValueFrom(b.gaps$);
    expect(await redis.killConnections(`${redis.prefix}:events:relay`)).toBe(1);
    await gap;
    expect(b.state().relaying).toBe(true);
    a.publish(progress(1));
    a.publish(status(2));
    expect(seqs(await seen)).toEqual(['p1', 's2']);
  });

  it('tells the others to catch up when its own publishing connection was cut', async () => {
    const [a, b] = [await bus(), await bus()];
    await relayed(b, () => b.events(ID).subscribe());
    const gap = firstValueFrom(b.gaps$);
    expect(await redis.killConnections(`${redis.prefix}:events:publisher`)).toBe(2);
    a.publish(progress(1)); // while a reconnects: lost on Redis, so a announces a gap
    await gap;
  });

  it('ignores payloads that are not relay messages', async () => {
    const [a, b] = [await bus(), await bus()];
    const [seen] = await relayed(b, () => lastValueFrom(b.events(ID).pipe(toArray())));
    await redis.admin.publish(`${redis.prefix}:operations:events`, 'not json');
    await redis.admin.publish(`${redis.prefix}:operations:events`, '{"origin":"x","kind":"event"}');
    a.publish(status(1));
    expect(seqs(await seen)).toEqual(['s1']);
  });

  it('on close, sends the progress a lane holds and completes the streams', async () => {
    const [a, b] = [await bus(redis.prefix, 10_000), await bus()];
    const seen: OperationEvent[] = [];
    const [second] = await relayed(b, () => {
      b.events(ID).subscribe((e) => seen.push(e));
      return firstValueFrom(b.events(ID).pipe(filter((e) => e.seq === 2)));
    });
    const local = lastValueFrom(a.events(ID).pipe(toArray()));
    a.publish(progress(1));
    a.publish(progress(2)); // held by the 10 s window
    a.close();
    expect(seqs(await local)).toEqual(['p1', 'p2']);
    await second;
    expect(seqs(seen)).toEqual(['p1', 'p2']);
  });
});
