import { isTerminalStatus, type OperationRecord } from '@ktrdr/operations';
import { TcpProxy } from '../src/common/testing/tcp-proxy';
import {
  finalStatus,
  OpsApi,
  progressOf,
  type ProgressEvent,
  type StatusEvent,
} from './support/ops-api';
import {
  fillSlots,
  QueuedCluster,
  startsByOperation,
  TEST_POSTGRES_URL,
  TEST_REDIS_URL,
} from './support/queued-cluster';
import { nextEvent, operationsSocket, recordEvents } from './support/socket-events';
import type { RunningService } from './support/spawn-service';
import { payloadOf, type SseEvent } from './support/sse-stream';
import { until } from './support/until';

jest.setTimeout(90_000);

/** The worker whose log says it started `id` (the line may trail what the API shows). */
async function holderOf(id: string, ...workers: RunningService[]): Promise<string> {
  const starts = await until(
    () => Promise.resolve(startsByOperation(...workers)),
    (all) => all.has(id),
  );
  return starts.get(id)?.[0] ?? '';
}

const ended = (op: OperationRecord): boolean => isTerminalStatus(op.status);

/** True when the seqs strictly increase: every event once, in order. */
const strictlyIncreasing = (seqs: number[]): boolean =>
  seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!);

const itemsOf = (event: SseEvent): number =>
  event.event === 'progress' ? (payloadOf<ProgressEvent>(event).progress.items_processed ?? 0) : 0;

describe('queued execution: two API and two worker processes on Redis and PostgreSQL', () => {
  const cluster = new QueuedCluster({
    WORKER_CONCURRENCY: 'dummy=3,data_load=1,training=1',
    SHUTDOWN_GRACE_MS: '5000',
  });
  let a: OpsApi;
  let b: OpsApi;
  let apiA: RunningService;
  let w1: RunningService;
  let w2: RunningService;

  beforeAll(async () => {
    // The first process migrates the fresh schema; the others start against it together.
    apiA = await cluster.startApi();
    const [apiB, first, second] = await Promise.all([
      cluster.startApi(),
      cluster.startWorker('w1'),
      cluster.startWorker('w2'),
    ]);
    [w1, w2] = [first, second];
    a = new OpsApi(apiA.url);
    b = new OpsApi(apiB.url);
  });
  afterAll(() => cluster.cleanup());

  it('an operation started on API A is followed live on API B (SSE and socket.io) and cancelled from B', async () => {
    const id = await a.startDummy({ steps: 1000, step_ms: 20 });
    const socket = operationsSocket(b.baseUrl);
    try {
      await nextEvent(socket, 'connect');
      const progress = recordEvents<ProgressEvent>(socket, 'progress');
      const statuses = recordEvents<StatusEvent>(socket, 'status');
      const socketEnd = nextEvent<StatusEvent>(socket, 'status');
      await expect(socket.emitWithAck('subscribe', { operation_id: id })).resolves.toEqual({
        ok: true,
        operation_id: id,
      });
      const sse = await b.waitRunning(id);
      // Live on the socket: progress newer than anything stored when B was asked.
      const storedSeq = (await b.get(id)).progress?.seq ?? 0;
      const isLive = (e: ProgressEvent): boolean => e.seq > storedSeq;
      await (progress.find(isLive) ?? nextEvent(socket, 'progress', isLive));

      const cancel = await b.cancel(id, 'stop from B');
      expect(cancel).toMatchObject({ status: 202, body: { status: 'cancelling' } });
      const status = finalStatus(await sse.ended);
      expect(status).toMatchObject({
        status: 'cancelled',
        operation: { cancellation: { reason: 'stop from B' } },
      });
      expect(progressOf(sse.events).length).toBeGreaterThan(0);
      // The socket saw the same end, once, after its progress; each seq once, in order.
      expect(await socketEnd).toEqual(status);
      expect(statuses).toHaveLength(1);
      expect(progress.every((e) => e.operation_id === id)).toBe(true);
      expect(strictlyIncreasing([...progress.map((e) => e.seq), status.seq])).toBe(true);
    } finally {
      socket.disconnect();
    }
    // The worker stopped the work: progress froze far before the end.
    const op = await a.get(id);
    expect(op.progress?.items_processed).toBeLessThan(1000);
    expect(startsByOperation(w1, w2).get(id)).toHaveLength(1);
  });

  it('a pending operation cancelled before any worker takes it never runs', async () => {
    // 2 workers × dummy=3: six long operations fill every slot, the seventh waits in the queue.
    const blockers = await fillSlots(a, 6, { steps: 1000, step_ms: 20 });
    const waiting = await a.startDummy({ steps: 1, step_ms: 0 });
    expect((await b.get(waiting)).status).toBe('pending');
    const cancelled = await b.cancel(waiting);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', started_at: null });

    await Promise.all(blockers.map((id) => b.cancel(id)));
    await Promise.all(blockers.map((id) => until(() => a.get(id), ended)));
    // The slots are free again and a new operation runs, but the cancelled one never started.
    const after = await a.startDummy({ steps: 1, step_ms: 0 });
    expect((await b.followToEnd(after)).status).toBe('completed');
    expect(await a.get(waiting)).toMatchObject({ status: 'cancelled', started_at: null });
    expect(startsByOperation(w1, w2).has(waiting)).toBe(false);
  });

  it('50 dummy operations across both workers each run exactly once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? a : b).startDummy({ steps: 2, step_ms: 5 }),
      ),
    );
    const ops = await Promise.all(ids.map((id) => until(() => b.get(id), ended)));
    expect(ops.map((op) => op.status)).toEqual(ids.map(() => 'completed'));
    expect(ops.map((op) => (op.result as { steps_completed: number }).steps_completed)).toEqual(
      ids.map(() => 2),
    );
    const starts = startsByOperation(w1, w2);
    expect(ids.map((id) => starts.get(id)?.length)).toEqual(ids.map(() => 1));
    const byWorker = new Set(ids.flatMap((id) => starts.get(id) ?? []));
    expect([...byWorker].sort()).toEqual(['w1', 'w2']);
  });

  it('Redis refusing a submit: the client gets 503 QUEUE_UNAVAILABLE and the row is failed', async () => {
    const redis = new URL(TEST_REDIS_URL);
    const proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    try {
      const api = await cluster.startApi({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
      const c = new OpsApi(api.url);
      proxy.takeDown();
      const refused = await c.request('POST', '/operations/dummy', { steps: 1, step_ms: 0 });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
      const failed = await a.request<{ items: OperationRecord[] }>(
        'GET',
        '/operations?status=failed&limit=5',
      );
      expect(failed.body.items.some((op) => op.error?.code === 'QUEUE_UNAVAILABLE')).toBe(true);
      // Back: new work is accepted and runs.
      proxy.bringUp();
      const id = await until(
        () =>
          c.request<{ operation_id?: string }>('POST', '/operations/dummy', {
            steps: 1,
            step_ms: 0,
          }),
        (res) => res.status === 202,
      );
      expect((await a.followToEnd(id.body.operation_id ?? '')).status).toBe('completed');
      await api.stop('SIGKILL');
    } finally {
      await proxy.close();
    }
  });

  it('an API process SIGKILLed: its operations go on; a client resumes on API B by Last-Event-ID, no gap, no duplicate', async () => {
    const spare = await cluster.startApi();
    const c = new OpsApi(spare.url);
    const id = await c.startDummy({ steps: 100, step_ms: 30 });
    // A client follows the operation on the spare API, which dies under it.
    const first = await c.events(id);
    await first.waitFor((e) => itemsOf(e) >= 5);
    // The connection breaks off mid-stream: what arrived until then is what the client saw.
    const cutOff = first.ended.catch(() => first.events);
    expect(await spare.stop('SIGKILL')).toBe('SIGKILL');
    const before = await cutOff;
    const lastSeen = before.at(-1)!;
    expect(lastSeen.event).toBe('progress');

    // The worker goes on meanwhile: the client misses progress.
    const missed = await until(
      () => b.get(id),
      (op) => ended(op) || (op.progress?.items_processed ?? 0) >= itemsOf(lastSeen) + 10,
    );
    const after = await (await b.events(id, lastSeen.id)).ended;

    expect(after.length).toBeGreaterThan(0);
    const seqOf = (e: SseEvent): number => payloadOf<{ seq: number }>(e).seq;
    for (const event of [...before, ...after]) expect(event.id).toBe(String(seqOf(event)));
    // No duplicate: the resumed stream starts after the last seen seq and the union strictly increases.
    expect(seqOf(after[0]!)).toBeGreaterThan(seqOf(lastSeen));
    const seqs = [...before, ...after].map(seqOf);
    expect(strictlyIncreasing(seqs)).toBe(true);
    // No gap: it catches up at once to at least what was stored before reconnecting, every event
    // the operation stored for resume (step changes, the status) after the last seen seq is in
    // the resumed stream, and every stored event is in what the client saw (a worker sends a
    // step change on to other processes once it is stored: a stream opened just then finds it).
    expect(seqOf(after[0]!)).toBeGreaterThanOrEqual(missed.progress?.seq ?? Infinity);
    const stored = await cluster.query<{ seq: number; kind: string; payload: string }>(
      'select seq, kind, payload from operation_events where operation_id = $1 order by seq',
      [id],
    );
    const storedAfter = stored.filter((row) => row.seq > seqOf(lastSeen)).map((row) => row.seq);
    expect(storedAfter.length).toBeGreaterThan(0);
    expect(after.map(seqOf)).toEqual(expect.arrayContaining(storedAfter));
    expect(seqs).toEqual(expect.arrayContaining(stored.map((row) => row.seq)));
    const stepsSeen = new Set(progressOf([...before, ...after]).map((e) => e.progress.step_name));
    for (const row of stored.filter((r) => r.kind === 'progress')) {
      expect(stepsSeen).toContain((JSON.parse(row.payload) as { step_name: string }).step_name);
    }
    const percentages = progressOf([...before, ...after]).map((e) => e.progress.percentage);
    expect(percentages).toEqual([...percentages].sort((x, y) => x - y));
    expect(finalStatus(after)).toMatchObject({
      status: 'completed',
      seq: stored.at(-1)!.seq,
      operation: { result: { steps_completed: 100 } },
    });
  });

  it('a worker SIGKILLed mid-operation: failed/ORPHANED within 30 s, the other worker goes on', async () => {
    const id = await a.startDummy({ steps: 100_000, step_ms: 20 });
    await a.waitRunning(id);
    const holder = await holderOf(id, w1, w2);
    const [dead, alive] = holder === 'w1' ? [w1, w2] : [w2, w1];
    const killedAt = Date.now();
    expect(await dead.stop('SIGKILL')).toBe('SIGKILL');

    const next = await b.startDummy({ steps: 3, step_ms: 5 });
    expect((await b.followToEnd(next)).status).toBe('completed');
    expect(startsByOperation(alive).has(next)).toBe(true);

    const orphaned = await until(() => b.get(id), ended, 35_000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(30_000);
    expect(orphaned).toMatchObject({ status: 'failed', error: { code: 'ORPHANED' } });
    if (holder === 'w1') w1 = await cluster.startWorker('w1b');
    else w2 = await cluster.startWorker('w2b');
  });

  it('a worker drains on SIGTERM: stops taking jobs, cancels its operations (shutdown), exits 0', async () => {
    const id = await a.startDummy({ steps: 100_000, step_ms: 20 });
    await a.waitRunning(id);
    const holder = await holderOf(id, w1, w2);
    const worker = startsByOperation(w1).has(id) ? w1 : w2;
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(await a.get(id)).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'shutdown' },
    });
    expect(holder).not.toBe('');
    // The other worker takes new work.
    const next = await b.startDummy({ steps: 2, step_ms: 1 });
    expect((await b.followToEnd(next)).status).toBe('completed');
  });
});

describe('queued execution while PostgreSQL is unreachable (through a proxy; the shared server stays up)', () => {
  const cluster = new QueuedCluster({ SHUTDOWN_GRACE_MS: '2000' });
  const postgres = new URL(TEST_POSTGRES_URL);
  const pg = { host: postgres.hostname, port: Number(postgres.port || 5432) };
  let api: OpsApi;

  beforeAll(async () => {
    api = new OpsApi((await cluster.startApi()).url);
  });
  afterAll(() => cluster.cleanup());

  const throughProxy = (port: number): string =>
    `postgres://postgres@127.0.0.1:${port}/test?schema=${cluster.schema}`;

  it('new work answers 503 DATABASE_UNAVAILABLE, nothing crashes, work resumes', async () => {
    const proxy = await TcpProxy.start(pg);
    try {
      const apiCut = await cluster.startApi({ DATABASE_URL: throughProxy(proxy.port) });
      const cut = new OpsApi(apiCut.url);
      const worker = await cluster.startWorker('w-pg');
      proxy.takeDown();
      const refused = await cut.request('POST', '/operations/dummy', { steps: 1, step_ms: 0 });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      proxy.bringUp();
      const accepted = await until(
        () =>
          cut.request<{ operation_id?: string }>('POST', '/operations/dummy', {
            steps: 1,
            step_ms: 0,
          }),
        (res) => res.status === 202,
      );
      expect((await api.followToEnd(accepted.body.operation_id ?? '')).status).toBe('completed');
      expect(apiCut.proc.exitCode).toBeNull();
      expect(await worker.stop('SIGTERM')).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('a worker that cannot renew its lease for the TTL gives the operation up (lease_lost); the sweeper orphans it; the worker goes on', async () => {
    const proxy = await TcpProxy.start(pg);
    try {
      const worker = await cluster.startWorker('w-lease', {
        DATABASE_URL: throughProxy(proxy.port),
      });
      const id = await api.startDummy({ steps: 100_000, step_ms: 20 });
      await until(
        () => api.get(id),
        (op) => op.status === 'running',
      );
      expect(await holderOf(id, worker)).toBe('w-lease');

      const cutAt = Date.now();
      proxy.takeDown();
      const orphaned = await until(() => api.get(id), ended, 35_000);
      expect(orphaned).toMatchObject({ status: 'failed', error: { code: 'ORPHANED' } });
      expect(Date.now() - cutAt).toBeLessThanOrEqual(30_000);
      await until(
        () => Promise.resolve(worker.output()),
        (out) => out.includes(`Operation ${id}: giving it up (lease_lost)`),
        10_000,
      );

      proxy.bringUp();
      const next = await api.startDummy({ steps: 2, step_ms: 1 });
      expect((await api.followToEnd(next)).status).toBe('completed');
      expect(startsByOperation(worker).has(next)).toBe(true);
      // The end it could not store meanwhile never overwrites the orphaned state.
      expect(await api.get(id)).toMatchObject({ status: 'failed', error: { code: 'ORPHANED' } });
    } finally {
      await proxy.close();
    }
  });
});
