import { Subject } from 'rxjs';
import { SocketSubscriptions } from './socket-subscriptions';

describe('SocketSubscriptions', () => {
  it('replaces an earlier subscription to the same operation', () => {
    const subs = new SocketSubscriptions();
    const first = new Subject<number>();
    const second = new Subject<number>();
    subs.track('op_a').add(first.subscribe());
    subs.track('op_a').add(second.subscribe());
    expect(first.observed).toBe(false);
    expect(second.observed).toBe(true);
    expect(subs.operationCount).toBe(1);
  });

  it('an unsubscribe that lands while the stream is being opened wins', () => {
    const subs = new SocketSubscriptions();
    const container = subs.track('op_a');
    expect(subs.release('op_a')).toBe(true);
    const late = new Subject<number>();
    container.add(late.subscribe());
    expect(late.observed).toBe(false);
  });

  it('release(id, container) only ends that very subscription', () => {
    const subs = new SocketSubscriptions();
    const old = subs.track('op_a');
    const current = subs.track('op_a');
    expect(subs.release('op_a', old)).toBe(false);
    expect(current.closed).toBe(false);
    expect(subs.release('op_a', current)).toBe(true);
    expect(subs.operationCount).toBe(0);
  });

  it('close ends every operation subscription and the feed, and anything added later', () => {
    const subs = new SocketSubscriptions();
    const op = new Subject<number>();
    const feed = new Subject<number>();
    subs.track('op_a').add(op.subscribe());
    subs.setFeed(feed.subscribe());
    subs.close();
    expect(op.observed).toBe(false);
    expect(feed.observed).toBe(false);
    expect(subs.operationCount).toBe(0);

    const late = new Subject<number>();
    subs.track('op_b').add(late.subscribe());
    expect(late.observed).toBe(false);
    expect(subs.setFeed(late.subscribe())).toBe(false);
    expect(late.observed).toBe(false);
  });

  it('clearFeed stops the feed only', () => {
    const subs = new SocketSubscriptions();
    const op = new Subject<number>();
    const feed = new Subject<number>();
    subs.track('op_a').add(op.subscribe());
    subs.setFeed(feed.subscribe());
    expect(subs.clearFeed()).toBe(true);
    expect(feed.observed).toBe(false);
    expect(op.observed).toBe(true);
    expect(subs.clearFeed()).toBe(false);
  });
});
