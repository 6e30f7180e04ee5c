import { Logger } from '@nestjs/common';
import { CancellationRegistry } from '@ktrdr/async-infrastructure';
import type {
  OperationLeasesRepository,
  RequestedCancel,
} from '../../persistence/operation-leases.repository';
import { LEASE_LOST_REASON, LeaseKeeper } from './lease-keeper';

const TIMING = { renewEveryMs: 5000, ttlMs: 15_000, cancelPollEveryMs: 1000 };

describe('LeaseKeeper', () => {
  let cancellations: CancellationRegistry;
  let renew: jest.Mock<Promise<Set<string>>, [string, string]>;
  let requested: RequestedCancel[];
  let keeper: LeaseKeeper;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    cancellations = new CancellationRegistry();
    renew = jest.fn((_worker: string, _until: string) => Promise.resolve(new Set(['op_a'])));
    requested = [];
    const repository = {
      renew,
      cancelsRequested: () => Promise.resolve(requested),
    } as unknown as OperationLeasesRepository;
    keeper = new LeaseKeeper(repository, cancellations, 'w1', TIMING);
  });

  afterEach(() => jest.restoreAllMocks());

  it('claims with a lease of the TTL and renews every lease of the worker in one call', async () => {
    const before = Date.now();
    const lease = keeper.lease();
    expect(lease.workerId).toBe('w1');
    expect(Date.parse(lease.expiresAt) - before).toBeGreaterThanOrEqual(TIMING.ttlMs);

    cancellations.create('op_a');
    keeper.started('op_a');
    const now = Date.now() + 1;
    await keeper.renew(now);
    expect(renew).toHaveBeenCalledWith('w1', new Date(now + TIMING.ttlMs).toISOString());
    expect(cancellations.get('op_a')?.isCancelled).toBe(false);
  });

  it('gives an operation up (lease_lost) when its lease could not be renewed for the TTL', async () => {
    renew.mockRejectedValue(new Error('connection refused'));
    const token = cancellations.create('op_a');
    keeper.started('op_a');
    const start = Date.now();
    await keeper.renew(start + 5000);
    keeper.tick(start + TIMING.ttlMs - 100);
    expect(token.isCancelled).toBe(false);
    keeper.tick(start + TIMING.ttlMs + 1);
    expect(token.reason).toBe(LEASE_LOST_REASON);
    expect(keeper.size).toBe(0);
  });

  it('a successful renew pushes the deadline on', async () => {
    const token = cancellations.create('op_a');
    keeper.started('op_a');
    const start = Date.now();
    await keeper.renew(start + 10_000);
    keeper.tick(start + TIMING.ttlMs + 1000);
    expect(token.isCancelled).toBe(false);
  });

  it('gives up an operation the renew no longer finds held by this worker (orphaned meanwhile)', async () => {
    renew.mockResolvedValue(new Set());
    const token = cancellations.create('op_a');
    keeper.started('op_a');
    await keeper.renew(Date.now() + 1);
    expect(token.reason).toBe(LEASE_LOST_REASON);
  });

  it('does not give up an operation claimed after the renew began', async () => {
    renew.mockResolvedValue(new Set());
    const token = cancellations.create('op_a');
    const renewStartedAt = Date.now() - 10;
    keeper.started('op_a');
    await keeper.renew(renewStartedAt);
    expect(token.isCancelled).toBe(false);
  });

  it('cancels the tokens of held operations a durable cancel request made cancelling', async () => {
    const held = cancellations.create('op_a');
    const other = cancellations.create('op_other');
    keeper.started('op_a');
    requested = [
      { operation_id: 'op_a', reason: 'user requested' },
      { operation_id: 'op_other', reason: 'not ours' },
    ];
    await keeper.pollCancels();
    expect(held.reason).toBe('user requested');
    expect(other.isCancelled).toBe(false);
  });
});
