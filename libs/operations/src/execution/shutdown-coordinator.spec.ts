import { Logger } from '@nestjs/common';
import { CancellationRegistry } from '@ktrdr/async-infrastructure';
import type { OperationExecutor } from './operation-executor';
import { DEFAULT_SHUTDOWN_GRACE_MS, ShutdownCoordinator } from './shutdown-coordinator';

describe('ShutdownCoordinator', () => {
  let cancellations: CancellationRegistry;
  let drain: jest.Mock<Promise<boolean>, [number]>;
  let executor: OperationExecutor;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    cancellations = new CancellationRegistry();
    drain = jest.fn((_graceMs: number) => Promise.resolve(true));
    executor = {
      durable: false,
      activeCount: 2,
      drain,
      stopAccepting: () => Promise.resolve(),
    } as unknown as OperationExecutor;
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  afterEach(() => jest.restoreAllMocks());

  it('drains: refuses new work, cancels running operations, waits the grace', async () => {
    const coordinator = new ShutdownCoordinator(cancellations, executor, { shutdownGraceMs: 500 });
    const a = cancellations.create('op_a');
    const b = cancellations.create('op_b');
    expect(coordinator.draining).toBe(false);

    drain.mockImplementation(() => {
      expect(coordinator.draining).toBe(true);
      expect([a.reason, b.reason]).toEqual(['shutdown', 'shutdown']);
      return Promise.resolve(true);
    });
    await coordinator.beforeApplicationShutdown('SIGTERM');

    expect(drain).toHaveBeenCalledWith(500);
    expect(warn).not.toHaveBeenCalled();
  });

  it('defaults the grace to 10 s', async () => {
    const coordinator = new ShutdownCoordinator(cancellations, executor, {});
    await coordinator.beforeApplicationShutdown();
    expect(drain).toHaveBeenCalledWith(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(DEFAULT_SHUTDOWN_GRACE_MS).toBe(10_000);
  });

  it('logs when the grace runs out', async () => {
    drain.mockResolvedValue(false);
    const coordinator = new ShutdownCoordinator(cancellations, executor, { shutdownGraceMs: 5 });

    await coordinator.beforeApplicationShutdown();

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('grace of 5 ms ran out'));
  });

  it('cancels work that starts while draining, and only while draining', async () => {
    const coordinator = new ShutdownCoordinator(cancellations, executor, {});
    let startedDuringDrain: ReturnType<CancellationRegistry['create']> | undefined;
    drain.mockImplementation(() => {
      startedDuringDrain = cancellations.create('op_late');
      return Promise.resolve(true);
    });

    await coordinator.beforeApplicationShutdown();

    expect(startedDuringDrain?.reason).toBe('shutdown');
    expect(cancellations.create('op_after').isCancelled).toBe(false);
  });
});
