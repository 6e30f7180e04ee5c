import { lastValueFrom, toArray } from 'rxjs';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import { OperationNotFoundError } from './operations.errors';
import { OperationsService } from './operations.service';
import { OperationsRepository } from '../persistence/operations.repository';
import { type BootedOperations, bootOperations } from '../testing/boot-operations';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../testing/operations-test-database';
import { progressSnapshot as snap } from '../testing/progress-snapshot.fixture';
import type { OperationEvent } from '../model/operation.types';

const seqs = (events: OperationEvent[]) => events.map((e) => `${e.kind[0]}${e.seq}`);

describe.each(TEST_DIALECTS)('OperationsService progress and events on %s', (dialect) => {
  let db: TestDatabase;
  let booted: BootedOperations;
  let service: OperationsService;
  let repository: OperationsRepository;

  beforeEach(async () => {
    db = createTestDatabase(dialect);
    booted = await bootOperations(db.options);
    service = booted.app.get(OperationsService);
    repository = booted.app.get(OperationsRepository);
  });
  afterEach(async () => {
    await booted.app.close();
    await db.cleanup();
  });

  const running = async () => {
    const op = await service.create({ operation_type: 'dummy' });
    await service.markRunning(op.operation_id);
    return op.operation_id;
  };

  describe('recordProgress', () => {
    it('persists the first snapshot at once and the rest throttled to the latest', async () => {
      const id = await running();
      const save = repository.saveProgress.bind(repository);
      const writes: { seq: number; step: boolean; at: number }[] = [];
      let secondWrite: () => void = () => undefined;
      const twoWrites = new Promise<void>((resolve) => (secondWrite = resolve));
      jest.spyOn(repository, 'saveProgress').mockImplementation(async (...args) => {
        writes.push({ seq: args[1].seq, step: args[2].length > 0, at: Date.now() });
        const stored = await save(...args);
        if (writes.length === 2) secondWrite();
        return stored;
      });
      for (let seq = 1; seq <= 500; seq++) service.recordProgress(id, snap(seq));
      await twoWrites;
      expect(writes.map(({ seq, step }) => ({ seq, step }))).toEqual([
        { seq: 1, step: true },
        { seq: 500, step: false },
      ]);
      expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(90);
      expect((await service.get(id)).progress?.seq).toBe(500);
    });

    it('publishes every newer snapshot live and ignores stale ones', async () => {
      const id = await running();
      const live = lastValueFrom((await service.openEvents(id)).pipe(toArray()));
      service.recordProgress(id, snap(1));
      service.recordProgress(id, snap(3));
      service.recordProgress(id, snap(2)); // stale
      service.recordProgress(id, snap(3)); // duplicate
      service.recordProgress(id, snap(4));
      await service.finish(id, { kind: 'completed', result: null });
      expect(seqs(await live)).toEqual(['p1', 'p3', 'p4', 's5']);
      expect((await service.get(id)).progress?.seq).toBe(4);
    });

    it('stores each step change as an event and the status event after the last seq', async () => {
      const id = await running();
      const steps = ['fetch', 'fetch', 'merge', 'merge', 'save', 'save'];
      steps.forEach((step, i) => service.recordProgress(id, snap(i + 1, step)));
      await service.finish(id, { kind: 'completed', result: { ok: true } });
      const stored = await repository.listEvents(id, 0);
      expect(seqs(stored)).toEqual(['p1', 'p3', 'p5', 's7']);
      expect(stored.map((e) => (e.kind === 'progress' ? e.progress.step_name : e.status))).toEqual([
        'fetch',
        'merge',
        'save',
        'completed',
      ]);
      const op = await service.get(id);
      expect(op.progress?.seq).toBe(6); // the pending snapshot was flushed before finishing
      expect(stored.at(-1)).toMatchObject({ kind: 'status', operation: op });
    });

    it('ignores progress once the operation is terminal', async () => {
      const id = await running();
      service.recordProgress(id, snap(1));
      await service.finish(id, { kind: 'failed', error: { code: 'X', message: 'x' } });
      const before = await service.get(id);
      service.recordProgress(id, snap(2, 'after'));
      await booted.app.close(); // flushes whatever is pending
      booted = await bootOperations(db.options);
      await expect(booted.app.get(OperationsService).get(id)).resolves.toEqual(before);
    });
  });

  describe('openEvents', () => {
    it('throws OperationNotFoundError up front', async () => {
      await expect(service.openEvents('op_dummy_20250101_000000_deadbeef')).rejects.toBeInstanceOf(
        OperationNotFoundError,
      );
    });

    it('replays then follows live, without gaps or duplicates, and completes after the status', async () => {
      const id = await running();
      ['a', 'a', 'b', 'b'].forEach((step, i) => service.recordProgress(id, snap(i + 1, step)));
      const events = lastValueFrom((await service.openEvents(id)).pipe(toArray()));
      // Reported while the replay is read: these must all arrive, once, in order.
      for (let seq = 5; seq <= 20; seq++)
        service.recordProgress(id, snap(seq, seq < 10 ? 'b' : 'c'));
      await service.finish(id, { kind: 'completed', result: 42 });
      const received = await events;
      const expected = [1, 3, 4, ...Array.from({ length: 16 }, (_, i) => i + 5)].map(
        (s) => `p${s}`,
      );
      expect(seqs(received)).toEqual([...expected, 's21']);
      expect(received.at(-1)).toMatchObject({
        kind: 'status',
        status: 'completed',
        operation: { result: 42 },
      });
    });

    it('resumes after a seq with the step changes and latest state it missed', async () => {
      const id = await running();
      ['a', 'a', 'b', 'b', 'c', 'c'].forEach((step, i) =>
        service.recordProgress(id, snap(i + 1, step)),
      );
      const resumed = lastValueFrom((await service.openEvents(id, 2)).pipe(toArray()));
      service.recordProgress(id, snap(7, 'c'));
      await service.finish(id, { kind: 'cancelled', reason: 'user' });
      expect(seqs(await resumed)).toEqual(['p3', 'p5', 'p6', 'p7', 's8']);
    });

    it('serves a terminal operation from storage, completing at once when all was seen', async () => {
      const id = await running();
      ['a', 'a', 'b', 'b'].forEach((step, i) => service.recordProgress(id, snap(i + 1, step)));
      await service.finish(id, { kind: 'completed', result: null });
      const replay = async (since: number) =>
        seqs(await lastValueFrom((await service.openEvents(id, since)).pipe(toArray())));
      expect(await replay(0)).toEqual(['p1', 'p3', 'p4', 's5']);
      expect(await replay(3)).toEqual(['p4', 's5']);
      expect(await replay(5)).toEqual([]);
    });

    it('lets a subscriber leave early and others carry on', async () => {
      const id = await running();
      const early: OperationEvent[] = [];
      let firstEvent: () => void = () => undefined;
      const gotFirst = new Promise<void>((resolve) => (firstEvent = resolve));
      const subscription = (await service.openEvents(id)).subscribe((e) => {
        early.push(e);
        firstEvent();
      });
      const full = lastValueFrom((await service.openEvents(id)).pipe(toArray()));
      service.recordProgress(id, snap(1));
      await gotFirst;
      subscription.unsubscribe();
      service.recordProgress(id, snap(2));
      await service.finish(id, { kind: 'completed', result: null });
      expect(seqs(early)).toEqual(['p1']);
      expect(seqs(await full)).toEqual(['p1', 'p2', 's3']);
    });
  });
});

describe.each(TEST_DIALECTS)('OperationsService startup reconciliation on %s', (dialect) => {
  let db: TestDatabase;

  beforeEach(() => {
    db = createTestDatabase(dialect);
  });
  afterEach(() => db.cleanup());

  /** Leaves one operation in each state, as a process that died would. */
  async function seed() {
    const booted = await bootOperations(db.options);
    const service = booted.app.get(OperationsService);
    const create = async () => (await service.create({ operation_type: 'dummy' })).operation_id;
    const ids = {
      pending: await create(),
      running: await create(),
      cancelling: await create(),
      completed: await create(),
    };
    for (const id of [ids.running, ids.cancelling, ids.completed]) await service.markRunning(id);
    const progress: ProgressSnapshot = snap(3, 'load');
    service.recordProgress(ids.running, progress);
    await service.cancel(ids.cancelling);
    await service.finish(ids.completed, { kind: 'completed', result: 'ok' });
    const completed = await service.get(ids.completed);
    await booted.app.close();
    return { ids, completed };
  }

  it('fails running, cancelling and (not durable) pending operations as ORPHANED', async () => {
    const { ids, completed } = await seed();
    const booted = await bootOperations(db.options, { durable: false });
    const service = booted.app.get(OperationsService);
    try {
      for (const id of [ids.pending, ids.running, ids.cancelling]) {
        const op = await service.get(id);
        expect(op.status).toBe('failed');
        expect(op.error?.code).toBe('ORPHANED');
        expect(op.completed_at).not.toBeNull();
      }
      expect((await service.get(ids.pending)).error?.message).toMatch(/Queued/);
      expect((await service.get(ids.running)).error?.message).toMatch(/stopped before it finished/);
      await expect(service.get(ids.completed)).resolves.toEqual(completed);
      // The orphaned operation's stream ends with its status event, after its last progress.
      const events = await lastValueFrom((await service.openEvents(ids.running)).pipe(toArray()));
      expect(seqs(events)).toEqual(['p3', 's4']);
      // A client that saw newer progress live (never stored) before the crash still gets it.
      const resumed = async (since: number) =>
        seqs(await lastValueFrom((await service.openEvents(ids.running, since)).pipe(toArray())));
      expect(await resumed(9)).toEqual(['s4']);
      expect(await resumed(4)).toEqual([]);
    } finally {
      await booted.app.close();
    }
  });

  it('keeps pending operations when the executor is durable', async () => {
    const { ids } = await seed();
    const booted = await bootOperations(db.options, { durable: true });
    const service = booted.app.get(OperationsService);
    try {
      expect((await service.get(ids.pending)).status).toBe('pending');
      expect((await service.get(ids.running)).error?.code).toBe('ORPHANED');
      expect((await service.get(ids.cancelling)).error?.code).toBe('ORPHANED');
    } finally {
      await booted.app.close();
    }
  });
});
