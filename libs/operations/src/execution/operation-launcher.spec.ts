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

  describe('retry', () => {
    async function ended(status: 'failed' | 'cancelled' | 'completed'): Promise<string> {
      const { operation_id } = await launcher.launch({
        operation_type: 'dummy',
        params: { steps: 3, fail_at_step: 2 },
        metadata: { parameters: { steps: 3 } },
      });
      const outcome =
        status === 'failed'
          ? { kind: status, error: { code: 'DUMMY_FAILURE', message: 'boom' } }
          : status === 'cancelled'
            ? { kind: status, reason: 'user' }
            : { kind: status, result: {} };
      await store.finish(operation_id, outcome);
      submitted.length = 0;
      return operation_id;
    }

    it.each(['failed', 'cancelled'] as const)(
      'starts a %s operation again: same type, params and metadata, linked by retry_of',
      async (status) => {
        const original = await ended(status);

        const retry = await launcher.retry(original);

        expect(retry).toMatchObject({
          operation_type: 'dummy',
          status: 'pending',
          metadata: { parameters: { steps: 3 } },
          retry_of: original,
        });
        expect(retry.operation_id).not.toBe(original);
        expect(submitted).toEqual([
          {
            operation_id: retry.operation_id,
            operation_type: 'dummy',
            params: { steps: 3, fail_at_step: 2 },
          },
        ]);
        expect(store.records.get(original)?.status).toBe(status);
      },
    );

    it('refuses a completed or active operation with 409 OPERATION_NOT_RETRYABLE', async () => {
      const completed = await ended('completed');
      const pending = (await launcher.launch({ operation_type: 'dummy', params: {} })).operation_id;
      submitted.length = 0;

      for (const [id, status] of [
        [completed, 'completed'],
        [pending, 'pending'],
      ] as const) {
        await expect(launcher.retry(id)).rejects.toMatchObject({
          code: 'OPERATION_NOT_RETRYABLE',
          status,
          message: `Operation ${id} cannot be retried: it is ${status}; only failed or cancelled operations can be retried`,
        });
      }
      expect(submitted).toEqual([]);
      expect(store.records.size).toBe(2);
    });

    it('refuses an operation stored without params', async () => {
      const { operation_id } = await store.create({ operation_type: 'dummy' });
      await store.finish(operation_id, { kind: 'cancelled', reason: 'user' });

      await expect(launcher.retry(operation_id)).rejects.toMatchObject({
        code: 'OPERATION_NOT_RETRYABLE',
        message: expect.stringContaining('parameters were not stored'),
      });
      expect(store.records.size).toBe(1);
    });

    it('answers OPERATION_NOT_FOUND for an unknown id', async () => {
      await expect(launcher.retry('op_dummy_20250101_000000_deadbeef')).rejects.toMatchObject({
        code: 'OPERATION_NOT_FOUND',
      });
    });

    it('refuses while draining, like a fresh start', async () => {
      const original = await ended('failed');
      shutdown.draining = true;

      await expect(launcher.retry(original)).rejects.toBeInstanceOf(ShuttingDownError);
      expect(store.records.size).toBe(1);
    });
  });
});
