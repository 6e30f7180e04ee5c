import { OperationsService } from '../registry/operations.service';
import { OrphanSweeper } from '../registry/orphan-sweeper';
import { type BootedOperations, bootOperations } from '../testing/boot-operations';
import { createTestDatabase, type TestDatabase } from '../testing/operations-test-database';
import { OperationLeasesRepository } from './operation-leases.repository';

const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

describe('leases on PostgreSQL (queued execution)', () => {
  let db: TestDatabase;
  let booted: BootedOperations;
  let service: OperationsService;
  let leases: OperationLeasesRepository;

  beforeEach(async () => {
    db = createTestDatabase('postgres');
    booted = await bootOperations(db.options, { durable: true });
    service = booted.app.get(OperationsService);
    leases = booted.app.get(OperationLeasesRepository);
  });
  afterEach(async () => {
    await booted.app.close();
    await db.cleanup();
  });

  const pending = async (): Promise<string> =>
    (await service.create({ operation_type: 'dummy' })).operation_id;

  it('claims with a compare-and-set: of two deliveries of one job only one starts it', async () => {
    for (let i = 0; i < 10; i += 1) {
      const id = await pending();
      const claims = await Promise.all([
        service.markRunning(id, { workerId: 'w1', expiresAt: iso(15_000) }),
        service.markRunning(id, { workerId: 'w2', expiresAt: iso(15_000) }),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = claims[0] ? ['w1', 'w2'] : ['w2', 'w1'];
      expect((await leases.renew(winner, iso(15_000))).has(id)).toBe(true);
      expect((await leases.renew(loser, iso(15_000))).has(id)).toBe(false);
    }
  });

  it('renews only the active operations of the worker; reads the cancels requested for them', async () => {
    const mine = await pending();
    const ended = await pending();
    const theirs = await pending();
    await service.markRunning(mine, { workerId: 'w1', expiresAt: iso(15_000) });
    await service.markRunning(ended, { workerId: 'w1', expiresAt: iso(15_000) });
    await service.markRunning(theirs, { workerId: 'w2', expiresAt: iso(15_000) });
    await service.finish(ended, { kind: 'completed', result: null });

    expect([...(await leases.renew('w1', iso(15_000)))]).toEqual([mine]);
    await service.cancel(mine, 'from another API');
    await service.cancel(theirs);
    expect(await leases.cancelsRequested('w1')).toEqual([
      { operation_id: mine, reason: 'from another API' },
    ]);
  });

  it('lists the jobs of the operations pending since before a time, oldest first, with their params', async () => {
    const first = (await service.create({ operation_type: 'dummy', params: { steps: 1 } }))
      .operation_id;
    const second = await pending(); // stored without params
    const running = await pending();
    await service.markRunning(running, { workerId: 'w1', expiresAt: iso(15_000) });
    const cancelled = await pending();
    await service.cancel(cancelled);

    expect(await leases.pendingJobs(iso(1000), 10)).toEqual([
      { operation_id: first, operation_type: 'dummy', params: { steps: 1 } },
      { operation_id: second, operation_type: 'dummy', params: undefined },
    ]);
    expect(await leases.pendingJobs(iso(1000), 1)).toHaveLength(1);
    expect(await leases.pendingJobs(iso(-60_000), 10)).toEqual([]);
  });

  it('fails expired (or missing) leases once, whichever of several sweepers gets them', async () => {
    const expired = await pending();
    const live = await pending();
    const waiting = await pending();
    await service.markRunning(expired, { workerId: 'dead', expiresAt: iso(-1000) });
    await service.markRunning(live, { workerId: 'w1', expiresAt: iso(15_000) });
    const noLease = await pending();
    await service.markRunning(noLease);

    const sweeper = booted.app.get(OrphanSweeper);
    const counts = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(2);

    for (const id of [expired, noLease]) {
      expect(await service.get(id)).toMatchObject({
        status: 'failed',
        error: { code: 'ORPHANED' },
      });
    }
    expect((await service.get(live)).status).toBe('running');
    expect((await service.get(waiting)).status).toBe('pending');
    // The worker that comes back finds it lost: the renew no longer holds it.
    expect((await leases.renew('dead', iso(15_000))).size).toBe(0);
  });
});
