import { concat, defer, from, Subject, takeWhile, type Observable } from 'rxjs';
import type { TrainingSessionEvent } from '@ktrdr/training-engine';

/** An event as appended: the log numbers and timestamps it. */
export type NewSessionEvent = TrainingSessionEvent extends infer E
  ? E extends TrainingSessionEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

/**
 * A session's events: numbered from 1, delivered live, and replayable after any seq. What is
 * kept for replay is bounded: every epoch and status event, but only the newest progress
 * snapshot (each one supersedes the previous).
 */
export class SessionEventLog {
  private seq = 0;
  private readonly kept: TrainingSessionEvent[] = [];
  private readonly live = new Subject<TrainingSessionEvent>();
  private closed = false;

  /** The seq of the latest event, 0 before the first. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Numbers, keeps and publishes an event; ignored once the log is closed. */
  append(event: NewSessionEvent): TrainingSessionEvent | undefined {
    if (this.closed) return undefined;
    this.seq += 1;
    const numbered: TrainingSessionEvent = {
      ...event,
      seq: this.seq,
      at: new Date().toISOString(),
    };
    if (numbered.type === 'progress') {
      const previous = this.kept.findLastIndex((e) => e.type === 'progress');
      if (previous >= 0) this.kept.splice(previous, 1);
    }
    this.kept.push(numbered);
    this.live.next(numbered);
    return numbered;
  }

  /** Ends the live stream: subscribers complete (after the status event, when there is one). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.live.complete();
  }

  /**
   * The kept events after `afterSeq`, then the live ones, ending after the `status` event (or
   * when the log closes). Replay and live join without a gap: both happen in one tick.
   */
  events$(afterSeq = 0): Observable<TrainingSessionEvent> {
    return defer(() => {
      const replay = from(this.kept.filter((e) => e.seq > afterSeq));
      return this.closed ? replay : concat(replay, this.live);
    }).pipe(takeWhile((event) => event.type !== 'status', true));
  }
}
