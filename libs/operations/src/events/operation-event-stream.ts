import { Observable } from 'rxjs';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import {
  isTerminalStatus,
  type OperationEvent,
  type OperationRecord,
} from '../model/operation.types';

/** Where an operation's event stream reads from. */
export interface OperationEventSources {
  /** Live events from now on. */
  live(operationId: string): Observable<OperationEvent>;
  /** Emits when live events may have been missed (the bus's `gaps$`): read the store again. */
  gaps: Observable<void>;
  /** Resolves once this process's progress writes for the operation are stored. */
  settle(operationId: string): Promise<void>;
  record(operationId: string): Promise<OperationRecord | undefined>;
  /** Stored events with seq > sinceSeq, and the status event whatever its seq; by seq. */
  storedEvents(operationId: string, sinceSeq: number): Promise<OperationEvent[]>;
  /** The newest snapshot this process holds, possibly newer than the stored one. */
  latest(operationId: string): ProgressSnapshot | undefined;
}

/**
 * One operation's events after `sinceSeq`: stored events and the latest snapshots (stored, and
 * held at subscription), then live ones. Live events are subscribed to before the replay is read
 * and buffered meanwhile; every event goes out once, in seq order (a progress event not newer
 * than the last sent is dropped; the status event is sent unless `sinceSeq` is its very seq).
 * When live events may have been missed (`gaps`, a relay outage), the same catch-up runs again
 * from the last seq sent, live events buffered meanwhile: the subscriber sees no gap.
 * Completes right after the status event, at once for a terminal operation already seen, and
 * when the live stream ends (the bus closed at shutdown: nothing more will come).
 */
export function operationEventStream(
  operationId: string,
  sinceSeq: number,
  sources: OperationEventSources,
): Observable<OperationEvent> {
  return new Observable<OperationEvent>((subscriber) => {
    let lastSeq = sinceSeq;
    // Live events held while a catch-up reads the store; null when they go out at once.
    let buffered: OperationEvent[] | null = [];
    // A gap was reported during a catch-up: one more round follows it.
    let again = false;
    // The live stream ended without this operation's status event (the bus closed, at shutdown).
    let liveEnded = false;
    const deliver = (event: OperationEvent): void => {
      if (subscriber.closed) return;
      // The status event goes out unless the client says it saw exactly that one: after a crash
      // its seq follows the last stored progress, and the client may have seen newer ones live.
      const seen = event.kind === 'status' ? event.seq === sinceSeq : event.seq <= lastSeq;
      if (seen) return;
      lastSeq = event.seq;
      subscriber.next(event);
      if (event.kind === 'status') subscriber.complete();
    };
    const live = sources.live(operationId).subscribe({
      next: (event) => (buffered === null ? deliver(event) : buffered.push(event)),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        liveEnded = true;
        if (buffered === null) subscriber.complete();
      },
    });
    // The latest snapshot as of subscribing; anything newer arrives live.
    const latestAtStart = sources.latest(operationId);

    /** Reads the store after the last seq sent and sends what it missed; rounds while gaps come. */
    const catchUp = async (latestHeld: ProgressSnapshot | undefined): Promise<void> => {
      let held = latestHeld;
      do {
        again = false;
        await sources.settle(operationId);
        // The record before the events: if it is terminal, its status event is already stored.
        const record = await sources.record(operationId);
        const stored = await sources.storedEvents(operationId, lastSeq);
        const replayed = [...stored, ...(buffered ?? [])];
        // The stored snapshot may be older or newer than the one held: send both.
        for (const snapshot of [record?.progress, held]) {
          if (snapshot) replayed.push(progressEvent(operationId, snapshot));
        }
        buffered = again ? [] : null;
        replayed.sort((a, b) => a.seq - b.seq).forEach(deliver);
        if (liveEnded || (record !== undefined && isTerminalStatus(record.status))) {
          subscriber.complete();
        }
        held = sources.latest(operationId);
      } while (buffered !== null && !subscriber.closed);
    };
    const fail = (error: unknown): void => subscriber.error(error);
    catchUp(latestAtStart).catch(fail);
    const gaps = sources.gaps.subscribe(() => {
      if (buffered !== null) {
        again = true;
        return;
      }
      buffered = [];
      catchUp(sources.latest(operationId)).catch(fail);
    });

    return () => {
      live.unsubscribe();
      gaps.unsubscribe();
    };
  });
}

function progressEvent(operationId: string, progress: ProgressSnapshot): OperationEvent {
  return { kind: 'progress', operation_id: operationId, seq: progress.seq, progress };
}
