import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import {
  CancellationError,
  CancellationRegistry,
  OperationContext,
  type OperationRunContext,
  ProgressRenderer,
} from '@ktrdr/async-infrastructure';
import { OperationTimeoutError } from '../orchestrator/orchestrator.errors';
import { FakeOperationStore } from '../testing/fake-operation-store';
import type { OperationHandlerInstance } from './operation-handler';
import type { OperationHandlerRegistry } from './operation-handler.registry';
import { OperationRunner } from './operation-runner';
import { UnknownOperationTypeError } from './execution.errors';

type Run = OperationHandlerInstance['run'];

describe('OperationRunner', () => {
  let store: FakeOperationStore;
  let cancellations: CancellationRegistry;
  let context: OperationContext;
  let handlers: Map<string, OperationHandlerInstance>;
  let runner: OperationRunner;
  let loggerError: jest.SpyInstance;

  beforeEach(() => {
    store = new FakeOperationStore();
    cancellations = new CancellationRegistry();
    context = new OperationContext();
    handlers = new Map();
    const registry = {
      has: (type: string) => handlers.has(type),
      get: (type: string) => {
        const handler = handlers.get(type);
        if (!handler) throw new UnknownOperationTypeError(type);
        return handler;
      },
    } as unknown as OperationHandlerRegistry;
    runner = new OperationRunner(registry, store, cancellations, context);
    loggerError = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  afterEach(() => jest.restoreAllMocks());

  async function launch(run: Run, extra: Partial<OperationHandlerInstance> = {}) {
    handlers.set('test', { run, ...extra });
    const record = await store.create({ operation_type: 'test' });
    await runner.run({
      operation_id: record.operation_id,
      operation_type: 'test',
      params: { x: 1 },
    });
    return {
      id: record.operation_id,
      record: store.records.get(record.operation_id)!,
      outcome: store.outcomes.get(record.operation_id),
    };
  }

  it('runs the handler with its params and context and records completion', async () => {
    let seen: { params: unknown; ctx: OperationRunContext; current: string } | undefined;
    const { id, record, outcome } = await launch((params, ctx) => {
      seen = { params, ctx, current: context.operationId };
      return Promise.resolve({ bars: 42 });
    });

    expect(seen?.params).toEqual({ x: 1 });
    expect(seen?.ctx.operationId).toBe(id);
    expect(seen?.current).toBe(id);
    expect(outcome).toEqual({ kind: 'completed', result: { bars: 42 } });
    expect(record.status).toBe('completed');
    expect(record.progress).toMatchObject({ percentage: 100, steps_completed: 1 });
    expect(cancellations.size).toBe(0);
  });

  it('records progress and metrics through the store', async () => {
    const { id, record } = await launch(async (_p, ctx) => {
      ctx.progress.update({ items_processed: 1, items_total: 4 });
      expect(store.records.get(ctx.operationId)?.progress?.percentage).toBe(25);
      await ctx.appendMetrics({ epoch: 1, loss: 0.5 });
      return null;
    });

    expect(store.metrics.get(id)).toEqual([{ epoch: 1, loss: 0.5 }]);
    expect(record.progress?.seq).toBe(2);
  });

  it("renders progress with the handler's renderer", async () => {
    class Fixed extends ProgressRenderer {
      override render(): string {
        return 'custom';
      }
    }
    const { record } = await launch(() => Promise.resolve(1), { renderer: new Fixed() });
    expect(record.progress?.message).toBe('custom');
  });

  it('does nothing when the operation is no longer pending', async () => {
    const run = jest.fn<ReturnType<Run>, Parameters<Run>>();
    handlers.set('test', { run });
    const record = await store.create({ operation_type: 'test' });
    store.cancel(record.operation_id, 'early');
    store.outcomes.clear();

    await runner.run({ operation_id: record.operation_id, operation_type: 'test', params: {} });

    expect(run).not.toHaveBeenCalled();
    expect(store.outcomes.size).toBe(0);
    expect(cancellations.size).toBe(0);
  });

  it('ends cancelled with the partial result when the handler throws on its token', async () => {
    const { record, outcome } = await launch(async (_p, ctx) => {
      cancellations.cancel(ctx.operationId, 'user request');
      await Promise.resolve();
      throw new CancellationError(ctx.token.reason!, { partialResult: { bars: 7 } });
    });

    expect(outcome).toEqual({ kind: 'cancelled', reason: 'user request', result: { bars: 7 } });
    expect(record.status).toBe('cancelled');
  });

  it('ends cancelled, never completed, when the handler returns after its token was cancelled', async () => {
    const { record, outcome } = await launch((_p, ctx) => {
      cancellations.cancel(ctx.operationId, 'late');
      return Promise.resolve({ partial: true });
    });

    expect(outcome).toEqual({ kind: 'cancelled', reason: 'late', result: { partial: true } });
    expect(record.status).toBe('cancelled');
    expect(record.progress?.percentage ?? 0).toBeLessThan(100);
  });

  it('ends cancelled, never failed, when any error follows a cancel', async () => {
    const { outcome } = await launch((_p, ctx) => {
      ctx.token.cancel('shutdown');
      return Promise.reject(new Error('socket closed'));
    });

    expect(outcome).toEqual({ kind: 'cancelled', reason: 'shutdown', result: undefined });
  });

  it("ends cancelled on an AbortError raised by the token's signal", async () => {
    const { outcome } = await launch(async (_p, ctx) => {
      const pending = delay(10_000, undefined, { signal: ctx.token.signal });
      ctx.token.cancel('stop');
      await pending;
    });

    expect(outcome).toMatchObject({ kind: 'cancelled', reason: 'stop' });
  });

  it("ends failed, not cancelled, on a CancellationError while the operation's token was not cancelled", async () => {
    const { record, outcome } = await launch(async (_p, ctx) => {
      // The work cancels a child token of its own (a deadline of its own making).
      const child = ctx.token.child();
      child.cancel('timeout');
      await Promise.resolve();
      child.throwIfCancelled();
    });
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'CANCELLED', message: 'Cancelled: timeout' },
    });
    expect(record.status).toBe('failed');
  });

  it("ends failed with TIMEOUT on an OperationTimeoutError (executeWithCancellation's deadline)", async () => {
    const { outcome } = await launch(() => Promise.reject(new OperationTimeoutError(50)));
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'TIMEOUT', message: expect.stringContaining('50 ms') },
    });
  });

  it.each([
    [Object.assign(new Error('no data'), { code: 'NO_DATA' }), 'NO_DATA', 'no data'],
    [new Error('boom'), 'OPERATION_FAILED', 'boom'],
    ['a string', 'OPERATION_FAILED', 'a string'],
    [Object.assign(new Error('n'), { code: 42 }), 'OPERATION_FAILED', 'n'],
  ])('ends failed with the error code and message (%#)', async (thrown, code, message) => {
    // A handler may reject with anything, not only an Error: that is the case under test.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const { record, outcome } = await launch(() => Promise.reject(thrown));

    expect(outcome).toEqual({ kind: 'failed', error: { code, message } });
    expect(record.status).toBe('failed');
  });

  it('ends failed when the handler throws synchronously', async () => {
    const { outcome } = await launch(() => {
      throw new Error('sync');
    });
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'OPERATION_FAILED', message: 'sync' },
    });
  });

  it('ends failed for an operation type without handler', async () => {
    const record = await store.create({ operation_type: 'ghost' });
    await runner.run({ operation_id: record.operation_id, operation_type: 'ghost', params: {} });

    expect(store.outcomes.get(record.operation_id)).toMatchObject({
      kind: 'failed',
      error: { code: 'UNKNOWN_OPERATION_TYPE' },
    });
  });

  it('never throws when the store fails, and still releases the token', async () => {
    jest.spyOn(store, 'finish').mockRejectedValue(new Error('database is closed'));

    await expect(launch(() => Promise.resolve(1))).resolves.toBeDefined();

    expect(loggerError).toHaveBeenCalledWith(
      expect.stringContaining('could not record'),
      expect.stringContaining('database is closed'),
    );
    expect(cancellations.size).toBe(0);
  });

  it('releases the token and fails the operation START_FAILED when markRunning throws', async () => {
    jest.spyOn(store, 'markRunning').mockRejectedValue(new Error('database is locked'));
    const run = jest.fn<ReturnType<Run>, Parameters<Run>>();

    const { record, outcome } = await launch(run);

    expect(run).not.toHaveBeenCalled();
    expect(cancellations.size).toBe(0);
    expect(outcome).toEqual({
      kind: 'failed',
      error: { code: 'START_FAILED', message: 'Could not start: database is locked' },
    });
    expect(record.status).toBe('failed');
  });

  it('still releases the token when markRunning and the failure record both throw', async () => {
    jest.spyOn(store, 'markRunning').mockRejectedValue(new Error('database is closed'));
    jest.spyOn(store, 'finish').mockRejectedValue(new Error('database is closed'));

    await expect(launch(() => Promise.resolve(1))).resolves.toBeDefined();

    expect(cancellations.size).toBe(0);
    expect(loggerError).toHaveBeenCalledWith(
      expect.stringContaining('could not record'),
      expect.stringContaining('database is closed'),
    );
  });

  it('closes the progress stream when the work ends', async () => {
    let completed = false;
    await launch((_p, ctx) => {
      ctx.progress.progress$.subscribe({ complete: () => (completed = true) });
      return Promise.resolve(1);
    });
    expect(completed).toBe(true);
  });
});
