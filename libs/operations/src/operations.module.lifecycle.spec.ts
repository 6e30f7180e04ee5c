import { type DynamicModule, Injectable, Logger, type Provider } from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import {
  sleep,
  CancellationRegistry,
  OperationContext,
  type OperationRunContext,
} from '@ktrdr/async-infrastructure';
import { OperationExecutor } from './execution/operation-executor';
import { OperationHandler, type OperationHandlerInstance } from './execution/operation-handler';
import { OperationLauncher } from './execution/operation-launcher';
import { OperationStore } from './execution/operation-store';
import { DuplicateOperationTypeError } from './execution/execution.errors';
import { ShutdownCoordinator } from './execution/shutdown-coordinator';
import { OperationsModule } from './operations.module';
import { FakeOperationStore } from './testing/fake-operation-store';

/** Lets a test wait for a handler to reach a point, and release it. */
class Gate {
  private open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
}

const store = new FakeOperationStore();
const started = new Map<string, Gate>();
const finishGates = new Map<string, Gate>();

function startedGate(id: string): Gate {
  const gate = started.get(id) ?? new Gate();
  started.set(id, gate);
  return gate;
}

/** The lifecycle on an in-memory SQLite registry, recording into the fake store instead. */
function withFakeStore(operations: DynamicModule, providers: Provider[]): TestingModuleBuilder {
  return Test.createTestingModule({ imports: [operations], providers })
    .overrideProvider(OperationStore)
    .useValue(store);
}

const MEMORY = { databaseUrl: ':memory:' };

/** Code deep in the call chain: finds the current operation through DI. */
@Injectable()
class DeepService {
  constructor(private readonly operation: OperationContext) {}

  async tick(): Promise<void> {
    await sleep(1, this.operation.token.signal);
  }
}

/** Works until cancelled, checking its token every few milliseconds. */
@OperationHandler('loop')
class LoopHandler implements OperationHandlerInstance<{ steps: number }, { done: number }> {
  constructor(private readonly deep: DeepService) {}

  async run(_params: { steps: number }, ctx: OperationRunContext): Promise<{ done: number }> {
    startedGate(ctx.operationId).release();
    let done = 0;
    for (;;) {
      ctx.progress.update({ items_processed: done });
      await this.deep.tick();
      done += 1;
    }
  }
}

/** Ignores its token and returns when the test releases it. */
@OperationHandler('gated')
class GatedHandler implements OperationHandlerInstance<unknown, string> {
  async run(_params: unknown, ctx: OperationRunContext): Promise<string> {
    const gate = new Gate();
    finishGates.set(ctx.operationId, gate);
    startedGate(ctx.operationId).release();
    await gate.opened;
    return 'result';
  }
}

@OperationHandler('loop')
class SecondLoopHandler implements OperationHandlerInstance {
  run(): Promise<unknown> {
    return Promise.resolve(null);
  }
}

describe('OperationsModule lifecycle (launcher, executor, runner, shutdown)', () => {
  let moduleRef: TestingModule;
  let launcher: OperationLauncher;
  let cancellations: CancellationRegistry;

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });
  afterAll(() => jest.restoreAllMocks());

  beforeEach(async () => {
    moduleRef = await withFakeStore(
      OperationsModule.forRoot({ ...MEMORY, shutdownGraceMs: 2000 }),
      [DeepService, LoopHandler, GatedHandler],
    ).compile();
    await moduleRef.init();
    launcher = moduleRef.get(OperationLauncher);
    cancellations = moduleRef.get(CancellationRegistry);
    store.onCancelRunning = (id, reason) => cancellations.cancel(id, reason);
  });

  afterEach(async () => {
    await moduleRef.close();
  });

  it('launches a handler found by its decorator and cancels it through the registry', async () => {
    const op = await launcher.launch({ operation_type: 'loop', params: { steps: 1 } });
    expect(op.status).toBe('pending');
    await startedGate(op.operation_id).opened;
    expect(store.records.get(op.operation_id)?.status).toBe('running');

    expect(cancellations.cancel(op.operation_id, 'user request')).toBe(true);
    const record = await store.whenFinished(op.operation_id);

    expect(store.outcomes.get(op.operation_id)).toMatchObject({
      kind: 'cancelled',
      reason: 'user request',
    });
    expect(record.status).toBe('cancelled');
    expect(record.progress?.step_name).toBe('run');
    expect(cancellations.size).toBe(0);
  });

  it('ends cancelled when the handler returns right as the cancel arrives', async () => {
    const op = await launcher.launch({ operation_type: 'gated', params: {} });
    await startedGate(op.operation_id).opened;

    finishGates.get(op.operation_id)!.release();
    store.cancel(op.operation_id, 'user request');
    const record = await store.whenFinished(op.operation_id);

    expect(store.outcomes.get(op.operation_id)).toEqual({
      kind: 'cancelled',
      reason: 'user request',
      result: 'result',
    });
    expect(record.status).toBe('cancelled');
    expect(record.result).toBe('result');
  });

  it('ends cancelled when the cancel lands between the return and the record', async () => {
    const op = await launcher.launch({ operation_type: 'gated', params: {} });
    await startedGate(op.operation_id).opened;
    const finish = store.finish.bind(store);
    jest.spyOn(store, 'finish').mockImplementationOnce((id, outcome) => {
      store.cancel(id, 'too late for the token');
      return finish(id, outcome);
    });

    finishGates.get(op.operation_id)!.release();
    const record = await store.whenFinished(op.operation_id);

    expect(store.outcomes.get(op.operation_id)?.kind).toBe('completed');
    expect(record.status).toBe('cancelled');
  });

  it('cancels running operations on shutdown and waits for them', async () => {
    const op = await launcher.launch({ operation_type: 'loop', params: { steps: 1 } });
    await startedGate(op.operation_id).opened;
    const coordinator = moduleRef.get(ShutdownCoordinator);

    await moduleRef.close();

    expect(coordinator.draining).toBe(true);
    expect(moduleRef.get(OperationExecutor).activeCount).toBe(0);
    expect(store.records.get(op.operation_id)?.status).toBe('cancelled');
    expect(store.outcomes.get(op.operation_id)).toMatchObject({ reason: 'shutdown' });
    await expect(launcher.launch({ operation_type: 'loop', params: {} })).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
    });
  });

  it('binds the in-process executor', () => {
    expect(moduleRef.get(OperationExecutor).durable).toBe(false);
  });

  it('fails the boot when two handlers claim one type', async () => {
    const failing = withFakeStore(OperationsModule.forRoot(MEMORY), [
      DeepService,
      LoopHandler,
      SecondLoopHandler,
    ])
      .compile()
      .then((ref) => ref.init());

    await expect(failing).rejects.toBeInstanceOf(DuplicateOperationTypeError);
  });

  it('accepts options from forRootAsync', async () => {
    const ref = await withFakeStore(
      OperationsModule.forRootAsync({ useFactory: () => ({ ...MEMORY, shutdownGraceMs: 1 }) }),
      [DeepService, GatedHandler],
    ).compile();
    await ref.init();
    const op = await ref.get(OperationLauncher).launch({ operation_type: 'gated', params: {} });
    await startedGate(op.operation_id).opened;
    const warn = jest.spyOn(Logger.prototype, 'warn');

    // The gated handler ignores its token: the 1 ms grace runs out.
    await ref.close();

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('grace of 1 ms ran out'));
    finishGates.get(op.operation_id)!.release();
    expect((await store.whenFinished(op.operation_id)).status).toBe('cancelled');
  });
});
