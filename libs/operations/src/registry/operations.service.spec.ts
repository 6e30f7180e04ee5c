import { lastValueFrom, take, toArray } from 'rxjs';
import {
  InvalidOperationTypeError,
  OperationAlreadyFinishedError,
  OperationNotFoundError,
} from './operations.errors';
import { OperationsService } from './operations.service';
import { OperationsRepository } from '../persistence/operations.repository';
import { type BootedOperations, bootOperations } from '../testing/boot-operations';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../testing/operations-test-database';
import { progressSnapshot as snap } from '../testing/progress-snapshot.fixture';
import type { OperationOutcome, OperationRecord } from '../model/operation.types';

const OPERATION_ID = /^op_data_load_\d{8}_\d{6}_[0-9a-f]{8}$/;
const MISSING = 'op_dummy_20250101_000000_deadbeef';

describe.each(TEST_DIALECTS)('OperationsService on %s', (dialect) => {
  let db: TestDatabase;
  let booted: BootedOperations;
  let service: OperationsService;

  beforeEach(async () => {
    db = createTestDatabase(dialect);
    booted = await bootOperations(db.options);
    service = booted.app.get(OperationsService);
  });
  afterEach(async () => {
    await booted.app.close();
    await db.cleanup();
  });

  const running = async (type = 'dummy') => {
    const op = await service.create({ operation_type: type });
    await expect(service.markRunning(op.operation_id)).resolves.toBe(true);
    return op.operation_id;
  };

  describe('create and markRunning', () => {
    it('creates a pending operation with a well-formed id and announces it', async () => {
      const feed = lastValueFrom(service.feed$.pipe(take(2), toArray()));
      const op = await service.create({
        operation_type: 'data_load',
        metadata: { symbol: 'AAPL' },
      });
      expect(op.operation_id).toMatch(OPERATION_ID);
      expect(op).toMatchObject({
        status: 'pending',
        started_at: null,
        metadata: { symbol: 'AAPL' },
      });
      await expect(service.get(op.operation_id)).resolves.toEqual(op);
      await service.markRunning(op.operation_id);
      const [created, changed] = await feed;
      expect(created).toEqual({ kind: 'created', operation: op });
      expect(changed?.kind).toBe('status_changed');
      expect(changed?.operation.status).toBe('running');
    });

    it('refuses a type that cannot form an id, storing nothing', async () => {
      await expect(service.create({ operation_type: 'Data-Load' })).rejects.toBeInstanceOf(
        InvalidOperationTypeError,
      );
      await expect(service.list({ limit: 10, offset: 0 })).resolves.toMatchObject({ total: 0 });
    });

    it('moves pending to running once', async () => {
      const { operation_id: id } = await service.create({ operation_type: 'dummy' });
      await expect(service.markRunning(id)).resolves.toBe(true);
      const op = await service.get(id);
      expect(op.status).toBe('running');
      expect(op.started_at).not.toBeNull();
      await expect(service.markRunning(id)).resolves.toBe(false);
      await expect(service.markRunning(MISSING)).resolves.toBe(false);
    });

    it('throws OperationNotFoundError for an unknown id', async () => {
      await expect(service.get(MISSING)).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' });
    });
  });

  describe('finish', () => {
    it.each<[string, OperationOutcome, Partial<OperationRecord>]>([
      [
        'completed',
        { kind: 'completed', result: { bars: 10 } },
        { status: 'completed', result: { bars: 10 }, error: null },
      ],
      [
        'failed',
        { kind: 'failed', error: { code: 'BOOM', message: 'it broke' } },
        { status: 'failed', error: { code: 'BOOM', message: 'it broke' } },
      ],
    ])('ends a running operation %s', async (_name, outcome, expected) => {
      const id = await running();
      await expect(service.finish(id, outcome)).resolves.toBe(expected.status);
      const op = await service.get(id);
      expect(op).toMatchObject({ ...expected, cancellation: null });
      expect(op.completed_at).not.toBeNull();
    });

    it('records the cancellation of a cancelled outcome nobody asked for', async () => {
      const id = await running();
      await service.finish(id, { kind: 'cancelled', reason: 'shutdown', result: { done: 3 } });
      const op = await service.get(id);
      expect(op).toMatchObject({ status: 'cancelled', result: { done: 3 }, error: null });
      expect(op.cancellation).toEqual({ requested_at: expect.any(String), reason: 'shutdown' });
    });

    it.each<OperationOutcome>([
      { kind: 'completed', result: { partial: true } },
      { kind: 'failed', error: { code: 'X', message: 'late' }, result: { partial: true } },
    ])('ends a cancelling operation cancelled whatever the outcome ($kind)', async (outcome) => {
      const id = await running();
      await service.cancel(id, 'user asked');
      await expect(service.finish(id, outcome)).resolves.toBe('cancelled');
      const op = await service.get(id);
      expect(op).toMatchObject({ status: 'cancelled', result: { partial: true }, error: null });
      expect(op.cancellation?.reason).toBe('user asked');
    });

    it('leaves a terminal operation unchanged', async () => {
      const id = await running();
      await service.finish(id, { kind: 'failed', error: { code: 'A', message: 'a' } });
      const before = await service.get(id);
      await expect(service.finish(id, { kind: 'completed', result: 1 })).resolves.toBe('failed');
      await expect(service.finish(id, { kind: 'cancelled', reason: 'x' })).resolves.toBe('failed');
      await expect(service.get(id)).resolves.toEqual(before);
    });

    it('throws OperationNotFoundError for an unknown id', async () => {
      await expect(
        service.finish(MISSING, { kind: 'completed', result: null }),
      ).rejects.toBeInstanceOf(OperationNotFoundError);
    });
  });

  describe('cancel', () => {
    it('ends a pending operation cancelled at once; it never starts', async () => {
      const { operation_id: id } = await service.create({ operation_type: 'dummy' });
      const events = lastValueFrom((await service.openEvents(id)).pipe(toArray()));
      const op = await service.cancel(id);
      expect(op).toMatchObject({ status: 'cancelled', cancellation: { reason: 'user requested' } });
      expect((await events).map((e) => [e.kind, e.seq])).toEqual([['status', 1]]);
      await expect(service.markRunning(id)).resolves.toBe(false);
    });

    it('moves a running operation to cancelling and cancels its token', async () => {
      const id = await running();
      const token = booted.cancellations.create(id);
      const op = await service.cancel(id, 'enough');
      expect(op).toMatchObject({ status: 'cancelling', cancellation: { reason: 'enough' } });
      expect(token.isCancelled).toBe(true);
      expect(token.reason).toBe('enough');
      // Idempotent: a second cancel returns it unchanged.
      await expect(service.cancel(id, 'again')).resolves.toEqual(op);
    });

    it('refuses to cancel a terminal operation and changes nothing', async () => {
      const id = await running();
      await service.finish(id, { kind: 'completed', result: 'done' });
      const before = await service.get(id);
      const refused = service.cancel(id);
      await expect(refused).rejects.toBeInstanceOf(OperationAlreadyFinishedError);
      await expect(refused).rejects.toMatchObject({ code: 'OPERATION_ALREADY_FINISHED' });
      await expect(service.get(id)).resolves.toEqual(before);
    });

    it('throws OperationNotFoundError for an unknown id', async () => {
      await expect(service.cancel(MISSING)).rejects.toBeInstanceOf(OperationNotFoundError);
    });
  });

  describe('terminal states are final under races', () => {
    const outcomes: OperationOutcome[] = [
      { kind: 'completed', result: { n: 1 } },
      { kind: 'failed', error: { code: 'F', message: 'f' } },
    ];

    it('cancel against finish and progress, both orders, many times', async () => {
      const wins = { cancel: 0, finish: 0 };
      // A progress write that takes a turn of the event loop: finish waits for it, cancel not.
      const repository = booted.app.get(OperationsRepository);
      const save = repository.saveProgress.bind(repository);
      jest.spyOn(repository, 'saveProgress').mockImplementation(async (...args) => {
        await new Promise(setImmediate);
        return save(...args);
      });
      for (let i = 0; i < 12; i++) {
        for (const outcome of outcomes) {
          for (const cancelFirst of [true, false]) {
            // With a progress write in flight, finish waits for it: it tends to lose the race.
            const progressBefore = i % 2 === 0;
            const id = await running();
            if (progressBefore) service.recordProgress(id, snap(1));
            const cancel = () =>
              service.cancel(id).then(
                () => true,
                (error: unknown) => {
                  expect(error).toBeInstanceOf(OperationAlreadyFinishedError);
                  return false;
                },
              );
            const finish = () => service.finish(id, outcome);
            const progress = () => Promise.resolve(service.recordProgress(id, snap(2)));
            const [cancelWon, finished] = cancelFirst
              ? await Promise.all([cancel(), finish(), progress()])
              : await Promise.all([finish(), progress(), cancel()]).then(
                  ([f, , c]) => [c, f] as const,
                );
            const end = await service.get(id);
            if (cancelWon) {
              wins.cancel++;
              expect(finished).toBe('cancelled');
              expect(end.status).toBe('cancelled');
            } else {
              wins.finish++;
              expect(finished).toBe(outcome.kind);
              expect(end.status).toBe(outcome.kind);
            }
            // Nothing changes a terminal operation afterwards.
            service.recordProgress(id, snap(50, 'late'));
            await service.finish(id, { kind: 'failed', error: { code: 'LATE', message: 'late' } });
            await expect(service.cancel(id)).rejects.toBeInstanceOf(OperationAlreadyFinishedError);
            await expect(service.get(id)).resolves.toEqual(end);
            const events = await booted.app.get(OperationsRepository).listEvents(id, 0);
            expect(events.filter((e) => e.kind === 'status')).toHaveLength(1);
            expect(events.at(-1)).toMatchObject({ kind: 'status', status: end.status });
          }
        }
      }
      // Both sides won at times, so both paths were exercised.
      expect(wins.cancel).toBeGreaterThan(0);
      expect(wins.finish).toBeGreaterThan(0);
    }, 30_000);

    it('cancel against markRunning, both orders, many times', async () => {
      for (let i = 0; i < 25; i++) {
        for (const cancelFirst of [true, false]) {
          const { operation_id: id } = await service.create({ operation_type: 'dummy' });
          const [started, cancelled] = cancelFirst
            ? await Promise.all([service.cancel(id), service.markRunning(id)]).then(
                ([c, s]) => [s, c] as const,
              )
            : await Promise.all([service.markRunning(id), service.cancel(id)]);
          // Either the cancel caught it pending (it never starts) or it started and is cancelling.
          expect(cancelled.status).toBe(started ? 'cancelling' : 'cancelled');
          await expect(service.get(id)).resolves.toEqual(cancelled);
        }
      }
    }, 30_000);
  });

  describe('list', () => {
    it('filters, pages newest first, and counts', async () => {
      const created: OperationRecord[] = [];
      for (const type of ['data_load', 'training', 'data_load', 'training', 'data_load']) {
        created.push(await service.create({ operation_type: type }));
      }
      const [a, b, c, d] = created.map((op) => op.operation_id) as [string, string, string, string];
      await service.markRunning(a);
      await service.markRunning(b);
      await service.finish(b, { kind: 'completed', result: null });
      await service.cancel(c);
      await service.markRunning(d);
      await service.cancel(d); // cancelling
      const newest = [...created].sort(
        (x, y) =>
          y.created_at.localeCompare(x.created_at) || y.operation_id.localeCompare(x.operation_id),
      );
      const ids = (page: { items: OperationRecord[] }) => page.items.map((op) => op.operation_id);

      const all = await service.list({ limit: 50, offset: 0 });
      expect(ids(all)).toEqual(newest.map((op) => op.operation_id));
      expect(all).toMatchObject({ total: 5, active_count: 3 }); // a running, d cancelling, e pending
      await expect(service.countActive()).resolves.toBe(3);

      const paged = await service.list({ limit: 2, offset: 2 });
      expect(ids(paged)).toEqual(ids(all).slice(2, 4));
      expect(paged.total).toBe(5);

      const loads = await service.list({ operation_type: 'data_load', limit: 50, offset: 0 });
      expect(new Set(ids(loads))).toEqual(new Set([a, c, created[4]?.operation_id]));
      expect(loads).toMatchObject({ total: 3, active_count: 3 });

      const active = await service.list({ active_only: true, limit: 50, offset: 0 });
      expect(new Set(ids(active))).toEqual(new Set([a, d, created[4]?.operation_id]));
      const activeTraining = await service.list({
        active_only: true,
        operation_type: 'training',
        limit: 50,
        offset: 0,
      });
      expect(ids(activeTraining)).toEqual([d]);
      const cancelled = await service.list({ status: 'cancelled', limit: 50, offset: 0 });
      expect(cancelled).toMatchObject({ total: 1, active_count: 3 });
      expect(ids(cancelled)).toEqual([c]);
      await expect(
        service.list({ status: 'completed', active_only: true, limit: 5, offset: 0 }),
      ).resolves.toMatchObject({ items: [], total: 0 });
    });
  });

  describe('metrics', () => {
    it('appends and pages with a cursor', async () => {
      const id = await running('training');
      for (let epoch = 1; epoch <= 25; epoch++)
        await service.appendMetrics(id, { epoch, loss: 1 / epoch });
      const first = await service.metrics(id, null, 10);
      expect(first.items.map((m) => m.data.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(first.next_cursor).toBe(first.items[9]?.cursor);
      const second = await service.metrics(id, first.next_cursor, 10);
      expect(second.items.map((m) => m.data.epoch)).toEqual([
        11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
      ]);
      const last = await service.metrics(id, second.next_cursor, 10);
      expect(last.items.map((m) => m.data)).toEqual(
        [21, 22, 23, 24, 25].map((epoch) => ({ epoch, loss: 1 / epoch })),
      );
      expect(last.next_cursor).toBeNull();
      expect(last.items[0]?.recorded_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      await expect(service.metrics(id, last.items[4]?.cursor ?? 0, 10)).resolves.toEqual({
        items: [],
        next_cursor: null,
      });
    });

    it('keeps the series of each operation apart and refuses unknown ids', async () => {
      const one = await running();
      const two = await running();
      await service.appendMetrics(one, { n: 1 });
      await service.appendMetrics(two, { n: 2 });
      expect((await service.metrics(two, null, 10)).items.map((m) => m.data)).toEqual([{ n: 2 }]);
      await expect(service.appendMetrics(MISSING, { n: 3 })).rejects.toBeInstanceOf(
        OperationNotFoundError,
      );
      await expect(service.metrics(MISSING, null, 10)).rejects.toBeInstanceOf(
        OperationNotFoundError,
      );
    });
  });
});
