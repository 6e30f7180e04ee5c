import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { OperationFeedEntry } from '../model/operations.types';
import { OperationEventBus } from './operation-event-bus';
import type { OperationEvent } from '../model/operation.types';

/** The single-process event bus: one Subject per operation with subscribers, freed with the last. */
@Injectable()
export class InMemoryOperationEventBus extends OperationEventBus {
  private readonly channels = new Map<string, Subject<OperationEvent>>();
  private readonly feed = new Subject<OperationFeedEntry>();
  readonly feed$ = this.feed.asObservable();

  publish(event: OperationEvent): void {
    const channel = this.channels.get(event.operation_id);
    if (!channel) return;
    channel.next(event);
    if (event.kind === 'status') {
      this.channels.delete(event.operation_id);
      channel.complete();
    }
  }

  events(operationId: string): Observable<OperationEvent> {
    return new Observable<OperationEvent>((subscriber) => {
      let channel = this.channels.get(operationId);
      if (!channel) {
        channel = new Subject<OperationEvent>();
        this.channels.set(operationId, channel);
      }
      const subscription = channel.subscribe(subscriber);
      const joined = channel;
      return () => {
        subscription.unsubscribe();
        if (!joined.observed && this.channels.get(operationId) === joined) {
          this.channels.delete(operationId);
        }
      };
    });
  }

  publishFeed(entry: OperationFeedEntry): void {
    this.feed.next(entry);
  }

  close(): void {
    for (const channel of this.channels.values()) channel.complete();
    this.channels.clear();
    this.feed.complete();
  }

  /** How many operations have live subscribers (for tests and diagnostics). */
  get channelCount(): number {
    return this.channels.size;
  }
}
