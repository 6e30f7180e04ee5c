import { Subscription } from 'rxjs';

/**
 * What one socket follows: one subscription per operation and the list feed. Each operation
 * subscription is tracked from the moment it is asked for (before its stream is even open), so
 * an unsubscribe, a newer subscribe or a disconnect that arrives meanwhile wins.
 */
export class SocketSubscriptions {
  private readonly operations = new Map<string, Subscription>();
  private feed: Subscription | null = null;
  private closed = false;

  /**
   * A fresh container for `operationId`, replacing (and ending) any earlier one. Add the stream's
   * subscription to it; once it is closed, whatever is added is unsubscribed at once.
   */
  track(operationId: string): Subscription {
    this.release(operationId);
    const container = new Subscription();
    if (this.closed) container.unsubscribe();
    else this.operations.set(operationId, container);
    return container;
  }

  /** Ends the subscription to `operationId`; when `only` is given, only if it is still that one. */
  release(operationId: string, only?: Subscription): boolean {
    const current = this.operations.get(operationId);
    if (current === undefined || (only !== undefined && current !== only)) return false;
    this.operations.delete(operationId);
    current.unsubscribe();
    return true;
  }

  /** Replaces the feed subscription; returns false (and ends `subscription`) once closed. */
  setFeed(subscription: Subscription): boolean {
    this.feed?.unsubscribe();
    this.feed = this.closed ? null : subscription;
    if (this.closed) subscription.unsubscribe();
    return !this.closed;
  }

  clearFeed(): boolean {
    const had = this.feed !== null;
    this.feed?.unsubscribe();
    this.feed = null;
    return had;
  }

  get operationCount(): number {
    return this.operations.size;
  }

  /** Ends everything; later track/setFeed calls are ended at once. */
  close(): void {
    this.closed = true;
    for (const subscription of this.operations.values()) subscription.unsubscribe();
    this.operations.clear();
    this.clearFeed();
  }
}
