import type { OperationRunner } from './operation-runner';
import { InProcessExecutor } from './in-process-executor';
import type { OperationJob } from '../model/operation.types';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const job = (id: string): OperationJob => ({ operation_id: id, operation_type: 't', params: {} });

describe('InProcessExecutor', () => {
  let gates: Map<string, { promise: Promise<void>; resolve: () => void }>;
  let started: string[];
  let executor: InProcessExecutor;
  let runStarted: Promise<void>;
  let signalStarted: () => void;

  beforeEach(() => {
    gates = new Map();
    started = [];
    runStarted = new Promise((r) => (signalStarted = r));
    const runner = {
      run: (j: OperationJob) => {
        started.push(j.operation_id);
        signalStarted();
        const gate = deferred();
        gates.set(j.operation_id, gate);
        return gate.promise;
      },
    } as unknown as OperationRunner;
    executor = new InProcessExecutor(runner);
  });

  it('is not durable', () => {
    expect(executor.durable).toBe(false);
  });

  it('returns from submit before the work starts', async () => {
    await executor.submit(job('op_1'));

    expect(started).toEqual([]);
    expect(executor.activeCount).toBe(1);
    await runStarted;
    expect(started).toEqual(['op_1']);
  });

  it('tracks running jobs until they end', async () => {
    await executor.submit(job('op_1'));
    await runStarted;

    gates.get('op_1')!.resolve();
    await expect(executor.drain(1000)).resolves.toBe(true);

    expect(executor.activeCount).toBe(0);
  });

  it('drains at once when idle', async () => {
    await expect(executor.drain(0)).resolves.toBe(true);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
    afterEach(() => jest.useRealTimers());

    it('answers false when the grace runs out, and leaves no timer', async () => {
      await executor.submit(job('op_1'));
      await runStarted;

      const drained = executor.drain(5000);
      await jest.advanceTimersByTimeAsync(5000);

      await expect(drained).resolves.toBe(false);
      expect(executor.activeCount).toBe(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('waits for every job, including one submitted while draining', async () => {
      await executor.submit(job('op_1'));
      await runStarted;
      const drained = executor.drain(5000);
      let result: boolean | undefined;
      void drained.then((r) => (result = r));

      await executor.submit(job('op_2'));
      gates.get('op_1')!.resolve();
      await jest.advanceTimersByTimeAsync(10);
      expect(result).toBeUndefined();

      await new Promise((r) => setImmediate(r));
      gates.get('op_2')!.resolve();
      await expect(drained).resolves.toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
