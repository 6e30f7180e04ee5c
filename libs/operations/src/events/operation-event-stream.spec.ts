import { lastValueFrom, Subject, toArray } from 'rxjs';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import { type OperationEventSources, operationEventStream } from './operation-event-stream';
import type { OperationEvent, OperationRecord, OperationStatus } from '../model/operation.types';

const ID = 'op_test_20250101_000000_00000000';

function snapshot(seq: number, step = 'run'): ProgressSnapshot {
  return {
    seq,
    percentage: seq,
    message: '',
    step_name: step,
    steps_completed: 0,
    steps_total: 1,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: '2025-01-01T00:00:00.000Z',
  };
}
const progress = (seq: number, step = 'run'): OperationEvent => ({
  kind: 'progress',
  operation_id: ID,
  seq,
  progress: snapshot(seq, step),
});
const record = (status: OperationStatus, progressSeq: number | null): OperationRecord =>
  ({
    operation_id: ID,
    status,
    progress: progressSeq === null ? null : snapshot(progressSeq),
  }) as OperationRecord;
const statusEvent = (seq: number): OperationEvent => ({
  kind: 'status',
  operation_id: ID,
  seq,
  status: 'completed',
  operation: record('completed', seq - 1),
});

function fakeSources(init: {
  record: OperationRecord;
  stored: OperationEvent[];
  latest?: ProgressSnapshot;
  /** Runs while the replay is being read (after live was subscribed). */
  duringReplay?: (live: Subject<OperationEvent>) => void;
}) {
  const live = new Subject<OperationEvent>();
  const gaps = new Subject<void>();
  const order: string[] = [];
  const sources: OperationEventSources = {
    live: () => {
      order.push('live');
      return live;
    },
    gaps,
    settle: () => {
      order.push('settle');
      return Promise.resolve();
    },
    record: () => {
      order.push('record');
      init.duringReplay?.(live);
      return Promise.resolve(init.record);
    },
    storedEvents: (_id, since) => {
      order.push('stored');
      return Promise.resolve(init.stored.filter((e) => e.seq > since || e.kind === 'status'));
    },
    latest: () => init.latest,
  };
  return { live, gaps, order, sources };
}

const seqs = (events: OperationEvent[]) => events.map((e) => `${e.kind[0]}${e.seq}`);

describe('operationEventStream', () => {
  it('replays stored events and latest snapshots, then live events, without gaps or duplicates', async () => {
    const { live, order, sources } = fakeSources({
      record: record('running', 5),
      stored: [progress(1, 'a'), progress(4, 'b')],
      latest: snapshot(7, 'b'),
      // Published while the replay is read: 6 and 7 overlap what is replayed, 8 is new.
      duringReplay: (subject) => [6, 7, 8].forEach((seq) => subject.next(progress(seq, 'b'))),
    });
    const events: OperationEvent[] = [];
    let completed = false;
    operationEventStream(ID, 0, sources).subscribe({
      next: (e) => events.push(e),
      complete: () => (completed = true),
    });
    await new Promise(process.nextTick);
    expect(order).toEqual(['live', 'settle', 'record', 'stored']);
    expect(seqs(events)).toEqual(['p1', 'p4', 'p5', 'p6', 'p7', 'p8']);
    live.next(progress(8, 'b'));
    live.next(progress(9, 'b'));
    live.next(statusEvent(10));
    expect(seqs(events)).toEqual(['p1', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 's10']);
    expect(completed).toBe(true);
  });

  it('resumes after sinceSeq', async () => {
    const { live, sources } = fakeSources({
      record: record('running', 5),
      stored: [progress(1, 'a'), progress(4, 'b')],
    });
    const done = lastValueFrom(operationEventStream(ID, 4, sources).pipe(toArray()));
    await new Promise(process.nextTick);
    live.next(statusEvent(6));
    expect(seqs(await done)).toEqual(['p5', 's6']);
  });

  it('sends the stored status event of a terminal operation and completes', async () => {
    const { sources } = fakeSources({
      record: record('completed', 3),
      stored: [progress(1, 'a'), progress(3, 'b'), statusEvent(4)],
    });
    const events = await lastValueFrom(operationEventStream(ID, 2, sources).pipe(toArray()));
    expect(seqs(events)).toEqual(['p3', 's4']);
  });

  it('completes at once for a terminal operation whose status was already seen', async () => {
    const { sources } = fakeSources({
      record: record('completed', 3),
      stored: [progress(1, 'a'), statusEvent(4)],
    });
    await expect(
      lastValueFrom(operationEventStream(ID, 4, sources).pipe(toArray())),
    ).resolves.toEqual([]);
  });

  it('sends the status of an operation orphaned behind what the client saw live', async () => {
    // The process died with progress 3 stored; the client had seen up to 9 live.
    const orphaned = { ...statusEvent(4), status: 'failed' } as OperationEvent;
    const { sources } = fakeSources({
      record: record('failed', 3),
      stored: [progress(1, 'a'), progress(3, 'b'), orphaned],
    });
    const events = await lastValueFrom(operationEventStream(ID, 9, sources).pipe(toArray()));
    expect(events).toEqual([orphaned]);
    // Resuming after that very status event: nothing more.
    await expect(
      lastValueFrom(operationEventStream(ID, 4, sources).pipe(toArray())),
    ).resolves.toEqual([]);
  });

  it('completes when the live stream ends without a status event (bus closed)', async () => {
    const { live, sources } = fakeSources({ record: record('running', 2), stored: [] });
    const done = lastValueFrom(operationEventStream(ID, 0, sources).pipe(toArray()));
    await new Promise(process.nextTick);
    live.next(progress(3));
    live.complete();
    expect(seqs(await done)).toEqual(['p2', 'p3']);
  });

  it('completes after the replay when the live stream ended while it was read', async () => {
    const { sources } = fakeSources({
      record: record('running', 2),
      stored: [progress(1, 'a')],
      duringReplay: (subject) => {
        subject.next(progress(3));
        subject.complete();
      },
    });
    const events = await lastValueFrom(operationEventStream(ID, 0, sources).pipe(toArray()));
    expect(seqs(events)).toEqual(['p1', 'p2', 'p3']);
  });

  describe('after a gap (a relay outage: live events were missed)', () => {
    it('reads the store from the last seq sent, then goes on live, without gap or duplicate', async () => {
      const state = { record: record('running', 2), stored: [progress(1, 'a')] };
      const { live, gaps, order, sources } = fakeSources(state);
      const events: OperationEvent[] = [];
      operationEventStream(ID, 0, sources).subscribe((e) => events.push(e));
      await new Promise(process.nextTick);
      expect(seqs(events)).toEqual(['p1', 'p2']);

      // Missed live: step change 3 (stored as an event) and 4, 5 (the record holds 5).
      state.stored = [progress(1, 'a'), progress(3, 'b')];
      state.record = record('running', 5);
      order.length = 0;
      gaps.next();
      live.next(progress(6, 'b')); // arrives while the store is read: held, then in order
      await new Promise(process.nextTick);
      expect(order).toEqual(['settle', 'record', 'stored']);
      live.next(progress(5, 'b')); // a late duplicate
      live.next(progress(7, 'b'));
      expect(seqs(events)).toEqual(['p1', 'p2', 'p3', 'p5', 'p6', 'p7']);
    });

    it('sends the stored status of an operation that ended during the outage, and completes', async () => {
      const state = { record: record('running', 2), stored: [progress(1, 'a')] };
      const { gaps, sources } = fakeSources(state);
      const done = lastValueFrom(operationEventStream(ID, 0, sources).pipe(toArray()));
      await new Promise(process.nextTick);
      state.record = record('completed', 4);
      state.stored = [progress(1, 'a'), statusEvent(5)];
      gaps.next();
      expect(seqs(await done)).toEqual(['p1', 'p2', 'p4', 's5']);
    });

    it('reads once more when another gap is reported during a catch-up', async () => {
      const { gaps, sources } = fakeSources({ record: record('running', 2), stored: [] });
      // What each read of the record finds; the second read is overtaken by another gap.
      const found = [record('running', 2), record('running', 3), record('running', 4)];
      let reads = 0;
      sources.record = () => {
        reads += 1;
        if (reads === 2) gaps.next();
        return Promise.resolve(found[reads - 1]);
      };
      const events: OperationEvent[] = [];
      operationEventStream(ID, 0, sources).subscribe((e) => events.push(e));
      await new Promise(process.nextTick);
      gaps.next();
      await new Promise(process.nextTick);
      expect(reads).toBe(3);
      expect(seqs(events)).toEqual(['p2', 'p3', 'p4']);
    });
  });

  it('errors when the replay cannot be read, and unsubscribes from live on teardown', async () => {
    const { live, sources } = fakeSources({ record: record('running', null), stored: [] });
    sources.storedEvents = () => Promise.reject(new Error('db down'));
    await expect(lastValueFrom(operationEventStream(ID, 0, sources))).rejects.toThrow('db down');
    expect(live.observed).toBe(false);
  });
});
