import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { OperationJob } from '../../model/operation.types';
import type { OperationLeasesRepository } from '../../persistence/operation-leases.repository';
import type { BullQueues } from './bull-queues';
import { PendingJobsRequeuer } from './pending-jobs-requeuer';

const job = (id: string): OperationJob => ({
  operation_id: id,
  operation_type: 'dummy',
  params: { steps: 1 },
});

describe('PendingJobsRequeuer', () => {
  const client = new EventEmitter();
  let connected: boolean;
  let added: OperationJob[];
  let pendingJobs: jest.Mock<Promise<OperationJob[]>, [string, number]>;
  let requeuer: PendingJobsRequeuer;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00.000Z') });
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    connected = false;
    added = [];
    pendingJobs = jest.fn<Promise<OperationJob[]>, [string, number]>(() =>
      Promise.resolve([job('a'), job('b')]),
    );
    const queues = {
      client,
      get connected() {
        return connected;
      },
      add: (queued: OperationJob) => {
        added.push(queued);
        return Promise.resolve();
      },
    } as unknown as BullQueues;
    const leases = { pendingJobs } as unknown as OperationLeasesRepository;
    requeuer = new PendingJobsRequeuer(queues, leases, 5000);
  });
  afterEach(() => {
    requeuer.stop();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('after each (re)connection, waits, then adds the jobs of what was pending before it', async () => {
    requeuer.start();
    expect(pendingJobs).not.toHaveBeenCalled(); // not connected yet

    client.emit('ready');
    await jest.advanceTimersByTimeAsync(4999);
    expect(pendingJobs).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    // Pending since before the connection came back (now − the wait).
    expect(pendingJobs).toHaveBeenCalledWith('2026-01-01T00:00:00.000Z', expect.any(Number));
    expect(added.map((queued) => queued.operation_id)).toEqual(['a', 'b']);

    client.emit('ready'); // a reconnect later
    await jest.advanceTimersByTimeAsync(5000);
    expect(pendingJobs).toHaveBeenCalledTimes(2);
  });

  it('starts with a pass when already connected; stop cancels what is scheduled', async () => {
    connected = true;
    requeuer.start();
    requeuer.stop();
    client.emit('ready');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(pendingJobs).not.toHaveBeenCalled();

    requeuer.start();
    await jest.advanceTimersByTimeAsync(5000);
    expect(pendingJobs).toHaveBeenCalledTimes(1);
  });

  it('a pass that fails (PostgreSQL away) is logged, not thrown', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    pendingJobs.mockRejectedValueOnce(new Error('connection refused'));
    connected = true;
    requeuer.start();
    await jest.advanceTimersByTimeAsync(5000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    expect(added).toEqual([]);
  });
});
