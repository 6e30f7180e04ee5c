import { EMPTY, type Observable } from 'rxjs';
import type { OperationEnded, OperationFeedEntry } from '../model/operations.types';
import type { OperationEvent } from '../model/operation.types';

/**
 * Carries live operation events to their subscribers. The in-memory bus serves one process;
 * a shared bus (Redis) can replace it through DI so several processes see the same live events.
 */
export abstract class OperationEventBus {
  /** The list feed: operations created and status changes. */
  abstract readonly feed$: Observable<OperationFeedEntry>;

  /**
   * Emits when live events may have been missed: a shared bus's relay came back after an outage
   * (its own, or a publisher's). Open streams then read the store from the last seq they sent, so
   * their subscribers catch up with no gap. A single-process bus never misses any: never emits.
   */
  readonly gaps$: Observable<void> = EMPTY;

  /**
   * Publishes an event to its operation's live subscribers; a status event ends their stream.
   * `whenStored`, when given, resolves once the event is in the store: a bus that crosses
   * processes sends a step change on only then, so that a subscriber elsewhere that subscribes
   * just after it went by finds it in the store (this process's own subscribers get it at once:
   * their catch-up waits for this process's writes).
   */
  abstract publish(event: OperationEvent, whenStored?: () => Promise<void>): void;

  /** The live events of one operation from now on; completes after its status event. */
  abstract events(operationId: string): Observable<OperationEvent>;

  /** Publishes an entry of the list feed. */
  abstract publishFeed(entry: OperationFeedEntry): void;

  /** Announces a terminal transition: its status event, then the list feed's status change. */
  publishEnd({ record, event }: OperationEnded): void {
    this.publish(event);
    this.publishFeed({ kind: 'status_changed', operation: record });
  }

  /** Completes every stream (shutdown). */
  abstract close(): void;
}
