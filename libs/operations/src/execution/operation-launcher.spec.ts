import { FakeOperationStore } from '../testing/fake-operation-store';
import type { ShutdownCoordinator } from './shutdown-coordinator';
import type { OperationExecutor } from './operation-executor';
import type { OperationHandlerRegistry } from './operation-handler.registry';
import { OperationLauncher } from './operation-launcher';
import type { OperationJob } from '../model/operation.types';
import { ShuttingDownError, UnknownOperationTypeError } from './execution.errors';

describe('OperationLauncher', () => {
  let store: FakeOperationStore;
  let submitted: OperationJob[];
  let submit: jest.Mock<Promise<void>, [OperationJob]>;
  let shutdown: { draining: boolean };
  let launcher: OperationLauncher;

  beforeEach(() => {
    store = new FakeOperationStore();
    submitted = [];
    submit = jest.fn((job: OperationJob) => {
      submitted.push(job);
      return Promise.resolve();
    });
    shutdown = { draining: false };
    const handlers = {
      has: (t: string) => t === 'dummy',
    } as unknown as OperationHandlerRegistry;
    const executor = { durable: false, submit } as unknown as OperationExecutor;
    launcher = new OperationLauncher(
      handlers,
      store,
      executor,
      shutdown as unknown as ShutdownCoordinator,
    );
  });

  it('creates a pending operation and submits its job', async () => {
    const record = await launcher.launch({
      operation_type: 'dummy',
      params: { steps: 3 },
      metadata: { symbol: 'AAPL' },
    });

    expect(record).toMatchObject({
      operation_type: 'dummy',
      status: 'pending',
      metadata: { symbol: 'AAPL' },
    });
    expect(submitted).toEqual([
      { operation_id: record.operation_id, operation_type: 'dummy', params: { steps: 3 } },
    ]);
  });

  it('refuses an unknown type before creating anything', async () => {
    await expect(launcher.launch({ operation_type: 'ghost', params: {} })).rejects.toBeInstanceOf(
      UnknownOperationTypeError,
    );
    expect(store.records.size).toBe(0);
    expect(submit).not.toHaveBeenCalled();
  });

  it('refuses new work while draining', async () => {
    shutdown.draining = true;

    const attempt = launcher.launch({ operation_type: 'dummy', params: {} });

    await expect(attempt).rejects.toBeInstanceOf(ShuttingDownError);
    await expect(attempt).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(store.records.size).toBe(0);
  });

  it('fails the operation when the executor refuses the job', async () => {
    submit.mockRejectedValueOnce(new Error('queue down'));

    await expect(launcher.launch({ operation_type: 'dummy', params: {} })).rejects.toThrow(
      'queue down',
    );

    const [record] = [...store.records.values()];
    expect(record).toMatchObject({
      status: 'failed',
      error: { code: 'SUBMIT_FAILED', message: 'queue down' },
    });
  });
});
