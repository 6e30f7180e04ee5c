import { isTerminalStatus, type OperationRecord } from '@ktrdr/operations';
import { finalStatus, OpsApi, progressOf } from './support/ops-api';
import { PrivateRedis } from './support/private-redis';
import { fillSlots, QueuedCluster, startsByOperation } from './support/queued-cluster';
import type { RunningService } from './support/spawn-service';
import { until } from './support/until';

jest.setTimeout(60_000);

const ended = (op: OperationRecord): boolean => isTerminalStatus(op.status);
const seqOf = (op: OperationRecord): number => op.progress?.seq ?? 0;

/**
 * queued.md, faults to survive: "Redis restarted mid-operation". One API and one worker on a
 * redis-server of this spec's own, which is SIGKILLed (no persistence: every key, Bull's jobs
 * included, is lost) and started again, empty, on the same port.
 */
describe('queued execution: Redis restarted mid-operation (a real crash of a private Redis)', () => {
  const cluster = new QueuedCluster({ WORKER_CONCURRENCY: 'dummy=3', SHUTDOWN_GRACE_MS: '2000' });
  let redis: PrivateRedis;
  let api: OpsApi;
  let worker: RunningService;

  /** Waits until the API reports every component up again (its Redis connections are back). */
  const healthOk = () =>
    until(
      () => api.request<{ status: string }>('GET', '/health'),
      (res) => res.status === 200 && res.body.status === 'ok',
    );

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url };
    api = new OpsApi((await cluster.startApi(env)).url);
    worker = await cluster.startWorker('w-redis', env);
  });
  afterAll(async () => {
    await cluster.cleanup();
    await redis?.stop();
  });
  afterEach(async () => {
    if (!redis.running) await redis.restart();
    await healthOk();
  });

  it('work goes on and is persisted while Redis is down, health says so, SSE catches up after', async () => {
    const id = await api.startDummy({ steps: 150, step_ms: 30 });
    const sse = await api.waitRunning(id);

    await redis.kill();
    const atKill = seqOf(await api.get(id));
    // The worker keeps running and storing progress (read back from PostgreSQL by the API).
    const during = await until(
      () => api.get(id),
      (op) => seqOf(op) >= atKill + 5,
    );
    expect(during.status).toBe('running');
    const health = await api.request('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        execution_mode: 'queued',
        components: { database: { status: 'up' }, redis: { status: 'degraded' } },
      },
    });
    const workerHealth = await fetch(`${worker.url}/health`);
    expect(workerHealth.status).toBe(200);
    expect(await workerHealth.json()).toMatchObject({
      running: 1,
      redis: { queues: 'down', events: 'down' },
    });
    const receivedInOutage = sse.events.length;

    await redis.restart();
    const status = finalStatus(await sse.ended);
    expect(status).toMatchObject({ status: 'completed' });
    expect(await api.get(id)).toMatchObject({
      status: 'completed',
      result: { steps_completed: 150 },
    });
    // Caught up: events after the outage, every one once and in seq order, the status last.
    expect(sse.events.length).toBeGreaterThan(receivedInOutage);
    const seqs = sse.events.map((event) => Number(event.id));
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(progressOf(sse.events).at(-1)?.seq).toBeGreaterThan(seqOf(during));

    await healthOk();
    // The worker takes jobs from the restarted Redis.
    const next = await api.startDummy({ steps: 2, step_ms: 1 });
    expect((await api.followToEnd(next)).status).toBe('completed');
  });

  it('a cancel issued while Redis is down is accepted (202) and lands within ~1 s of Redis being back', async () => {
    const id = await api.startDummy({ steps: 100_000, step_ms: 20 });
    const sse = await api.waitRunning(id);

    await redis.kill();
    const requestedAt = Date.now();
    const cancel = await api.cancel(id, 'during the outage');
    expect(cancel).toMatchObject({ status: 202, body: { status: 'cancelling' } });
    const backAt = await redis.restart();

    const cancelled = await until(() => api.get(id), ended, 10_000);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'during the outage' },
    });
    const endedAt = Date.parse(cancelled.completed_at ?? '');
    console.log(
      `cancel during the Redis outage: cancelled ${endedAt - backAt} ms after Redis answered ` +
        `PING again, ${endedAt - requestedAt} ms after the DELETE`,
    );
    expect(endedAt - backAt).toBeLessThanOrEqual(1500);
    expect(finalStatus(await sse.ended)).toMatchObject({ status: 'cancelled' });
  });

  it('a cancel issued while Redis stays down lands anyway (the worker reads it from PostgreSQL)', async () => {
    const id = await api.startDummy({ steps: 100_000, step_ms: 20 });
    const sse = await api.waitRunning(id);

    await redis.kill();
    const requestedAt = Date.now();
    expect(await api.cancel(id)).toMatchObject({ status: 202, body: { status: 'cancelling' } });
    const cancelled = await until(() => api.get(id), ended, 5000);
    expect(cancelled.status).toBe('cancelled');
    const endedAt = Date.parse(cancelled.completed_at ?? '');
    console.log(`cancel with Redis down: cancelled ${endedAt - requestedAt} ms after the DELETE`);
    // The worker's poll runs every second; then the end is written (slower on a loaded box).
    expect(endedAt - requestedAt).toBeLessThanOrEqual(2000);
    expect(redis.running).toBe(false);

    await redis.restart();
    expect(finalStatus(await sse.ended)).toMatchObject({ status: 'cancelled' });
  });

  it('a pending operation whose job Redis lost is queued again and runs once', async () => {
    // 1 worker × dummy=3: three long operations fill every slot, the fourth waits in the queue.
    const blockers = await fillSlots(api, 3, { steps: 100_000, step_ms: 20 });
    const waiting = await api.startDummy({ steps: 2, step_ms: 1 });
    expect((await api.get(waiting)).status).toBe('pending');
    const jobKey = `${cluster.prefix}:bull:dummy:${waiting}`;
    expect(await redis.exists(jobKey)).toBe(true);

    await redis.kill();
    await redis.restart();
    expect(await redis.exists(jobKey)).toBe(false); // gone with the crash
    await Promise.all(blockers.map((id) => api.cancel(id)));

    const done = await until(() => api.get(waiting), ended, 20_000);
    expect(done).toMatchObject({ status: 'completed', result: { steps_completed: 2 } });
    expect(startsByOperation(worker).get(waiting)).toEqual(['w-redis']);
  });
});
