import { Injectable, Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { CancellationError, type OperationRunContext, sleep } from '@ktrdr/async-infrastructure';
import { OperationsModule } from './operations.module';
import { OperationsService } from './registry/operations.service';
import { createDatabase } from './persistence/database.factory';
import { OperationsRepository } from './persistence/operations.repository';
import { createTestDatabase, type TestDatabase } from './testing/operations-test-database';
import { OperationHandler, type OperationHandlerInstance } from './execution/operation-handler';
import { OperationLauncher } from './execution/operation-launcher';
import { OperationStore } from './execution/operation-store';

/** Counts to `steps`, one progress update and one metrics entry per step. */
@Injectable()
@OperationHandler('counting')
class CountingOperation implements OperationHandlerInstance<
  { steps: number },
  { counted: number }
> {
  async run({ steps }: { steps: number }, ctx: OperationRunContext) {
    ctx.progress.startStep('run', { items_total: steps });
    for (let i = 1; i <= steps; i++) {
      await sleep(5, ctx.token.signal).catch((error: unknown) => {
        throw CancellationError.is(error)
          ? new CancellationError(ctx.token.reason ?? 'cancelled', {
              partialResult: { counted: i - 1 },
            })
          : error;
      });
      ctx.progress.update({ items_processed: i });
      await ctx.appendMetrics({ step: i });
    }
    return { counted: steps };
  }
}

describe('OperationsModule (SQLite)', () => {
  let db: TestDatabase;
  let app: TestingModule;
  let closed = false;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(async () => {
    db = createTestDatabase('sqlite');
    app = await Test.createTestingModule({
      imports: [
        OperationsModule.forRootAsync({
          useFactory: () => ({ ...db.options, shutdownGraceMs: 2_000 }),
        }),
      ],
      providers: [CountingOperation],
    }).compile();
    await app.init();
  });
  afterEach(async () => {
    if (!closed) await app.close();
    closed = false;
    await db.cleanup();
  });

  it('binds OperationsService as the OperationStore', () => {
    expect(app.get(OperationStore)).toBe(app.get(OperationsService));
  });

  it('records a launched operation from pending to completed, with progress and metrics', async () => {
    const service = app.get(OperationsService);
    const launched = await app
      .get(OperationLauncher)
      .launch({ operation_type: 'counting', params: { steps: 5 } });
    const events = await lastValueFrom(
      (await service.openEvents(launched.operation_id)).pipe(toArray()),
    );
    const op = await service.get(launched.operation_id);
    expect(op).toMatchObject({ status: 'completed', result: { counted: 5 } });
    expect(op.progress?.percentage).toBe(100);
    expect(events.at(-1)).toMatchObject({ kind: 'status', status: 'completed' });
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const metrics = await service.metrics(op.operation_id, null, 10);
    expect(metrics.items.map((m) => m.data)).toEqual([1, 2, 3, 4, 5].map((step) => ({ step })));
  });

  it('cancels a running operation through the registry: it ends cancelled with its partial result', async () => {
    const service = app.get(OperationsService);
    const launched = await app
      .get(OperationLauncher)
      .launch({ operation_type: 'counting', params: { steps: 10_000 } });
    const stream = await service.openEvents(launched.operation_id);
    const events = lastValueFrom(stream.pipe(toArray()));
    // Cancel once it reported progress, i.e. it is running.
    await firstValueFrom(stream.pipe(filter((e) => e.kind === 'progress')));
    await expect(service.cancel(launched.operation_id, 'enough')).resolves.toMatchObject({
      status: 'cancelling',
    });
    const last = (await events).at(-1);
    expect(last).toMatchObject({ kind: 'status', status: 'cancelled' });
    const op = await service.get(launched.operation_id);
    expect(op.cancellation?.reason).toBe('enough');
    expect((op.result as { counted: number }).counted).toBeLessThan(10_000);
  });

  it('lets shutdown drain running operations before it closes the database', async () => {
    const service = app.get(OperationsService);
    const launched = await app
      .get(OperationLauncher)
      .launch({ operation_type: 'counting', params: { steps: 10_000 } });
    const stream = await service.openEvents(launched.operation_id);
    await firstValueFrom(stream.pipe(filter((e) => e.kind === 'progress')));
    await app.close();
    closed = true;
    const handle = createDatabase(db.options);
    try {
      const op = await new OperationsRepository(handle).findById(launched.operation_id);
      expect(op).toMatchObject({ status: 'cancelled', cancellation: { reason: 'shutdown' } });
    } finally {
      await handle.db.destroy();
    }
  });
});
