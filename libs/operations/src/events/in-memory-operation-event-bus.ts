import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { OperationFeedEntry } from '../model/operations.types';
import { OperationEventBus } from './operation-event-bus';
import type { OperationEvent } from '../model/operation.types';

interface Channel {
  subject: Subject<OperationEvent>;
  /** The seq of the last progress event sent: an older or repeated one is dropped. */
  lastSeq: number;
}

/**
 * The single-process event bus: one Subject per operation with subscribers, freed with the last.
 * A channel's progress events go out in seq order, each once (an older or repeated one, which a
 * relay from several publishers could bring, is dropped).
 */
@Injectable()
export class InMemoryOperationEventBus extends OperationEventBus {
  private readonly channels = new Map<string, Channel>();
  private readonly feed = new Subject<OperationFeedEntry>();
  readonly feed$ = this.feed.asObservable();

  publish(event: OperationEvent): void {
    const channel = this.channels.get(event.operation_id);
    if (!channel) return;
    if (event.kind === 'progress') {
      if (event.seq <= channel.lastSeq) return;
      channel.lastSeq = event.seq;
      channel.subject.next(event);
      return;
    }
    this.channels.delete(event.operation_id);
    channel.subject.next(event);
    channel.subject.complete();
  }

  events(operationId: string): Observable<OperationEvent> {
    return new Observable<OperationEvent>((subscriber) => {
      let channel = this.channels.get(operationId);
      if (!channel) {
        channel = { subject: new Subject<OperationEvent>(), lastSeq: 0 };
        this.channels.set(operationId, channel);
      }
      const subscription = channel.subject.subscribe(subscriber);
      const joined = channel;
      return () => {
        subscription.unsubscribe();
        if (!joined.subject.observed && this.channels.get(operationId) === joined) {
          this.channels.delete(operationId);
        }
      };
    });
  }

  publishFeed(entry: OperationFeedEntry): void {
    this.feed.next(entry);
  }

  close(): void {
    for (const channel of this.channels.values()) channel.subject.complete();
    this.channels.clear();
    this.feed.complete();
  }

  /** How many operations have live subscribers (for tests and diagnostics). */
  get channelCount(): number {
    return this.channels.size;
  }
}
