import { setTimeout as delay } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';
import type { OperationRecord } from '@ktrdr/operations';
import {
  finalStatus,
  OpsApi,
  progressOf,
  type ProgressEvent,
  type StatusEvent,
} from './support/ops-api';
import { ServicePool } from './support/service-pool';
import { nextEvent, operationsSocket, recordEvents } from './support/socket-events';
import type { RunningService } from './support/spawn-service';
import { payloadOf, type SseEvent } from './support/sse-stream';

/** An entry of the socket.io list feed (`subscribe_all`). */
interface FeedEntry {
  kind: 'created' | 'status_changed';
  operation: OperationRecord;
}

const GRACE_MS = 5000;
const pool = new ServicePool();
afterAll(() => pool.cleanup());

/** seq strictly increases and percentage never decreases. */
function expectOrdered(progress: ProgressEvent[]): void {
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i]!.seq).toBeGreaterThan(progress[i - 1]!.seq);
    expect(progress[i]!.progress.percentage).toBeGreaterThanOrEqual(
      progress[i - 1]!.progress.percentage,
    );
  }
}

/** Every SSE event's id is the seq of its payload. */
function expectIdsAreSeqs(events: SseEvent[]): void {
  for (const event of events) expect(event.id).toBe(String(payloadOf<{ seq: number }>(event).seq));
}

describe('operations API as a real process (SQLite file)', () => {
  let service: RunningService;
  let api: OpsApi;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    service = await pool.startApi(pool.dataDir('ktrdr-ops-e2e-'), {
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    api = new OpsApi(service.url);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));

  it('runs a dummy: ordered SSE progress, then one completed status; GET shows the result', async () => {
    const id = await api.startDummy({ steps: 8, step_ms: 30 });
    const events = await (await api.events(id)).ended;

    expectIdsAreSeqs(events);
    const progress = progressOf(events);
    expect(progress.length).toBeGreaterThan(0);
    expectOrdered(progress);
    expect(events.filter((e) => e.event === 'status')).toHaveLength(1);
    const status = finalStatus(events);
    expect(status.status).toBe('completed');
    expect(status.seq).toBeGreaterThan(progress.at(-1)!.seq);
    expect(status.operation.result).toMatchObject({ steps_completed: 8 });

    const op = await api.get(id);
    expect(op).toMatchObject({
      operation_type: 'dummy',
      status: 'completed',
      result: { steps_completed: 8 },
      error: null,
      cancellation: null,
      progress: { percentage: 100, items_processed: 8, items_total: 8 },
    });
    expect(op.completed_at).not.toBeNull();
  });

  it('cancels a running dummy: the stream ends with cancelled and nothing changes later', async () => {
    const id = await api.startDummy({ steps: 10000, step_ms: 20 });
    const sse = await api.waitRunning(id);

    const res = await api.cancel(id, 'e2e cancel');
    expect(res.status).toBe(202);
    expect(['cancelling', 'cancelled']).toContain(res.body.status);
    expect(res.body.cancellation).toMatchObject({ reason: 'e2e cancel' });

    const status = finalStatus(await sse.ended);
    expect(status.status).toBe('cancelled');
    const cancelled = await api.get(id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      error: null,
      cancellation: { reason: 'e2e cancel' },
    });
    const done = (cancelled.result as { steps_completed: number }).steps_completed;
    expect(done).toBeLessThan(10000);

    // "No later change" can only be shown by letting time pass: many dummy steps' worth.
    await delay(300);
    expect(await api.get(id)).toEqual(cancelled);
    // A new stream on it replays the same final status and ends at once.
    expect(finalStatus(await (await api.events(id)).ended)).toMatchObject({
      status: 'cancelled',
      seq: status.seq,
    });
  });

  it.each([
    ['completed', { steps: 2, step_ms: 1 }],
    ['failed', { steps: 3, step_ms: 1, fail_at_step: 2 }],
  ])('refuses to cancel a %s operation (409) and changes nothing', async (ended, params) => {
    const id = await api.startDummy(params);
    expect((await api.followToEnd(id)).status).toBe(ended);
    const before = await api.get(id);

    const res = await api.request<{ code: string; message: string }>(
      'DELETE',
      `/operations/${id}`,
      { reason: 'too late' },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('OPERATION_ALREADY_FINISHED');
    expect(res.body.message).toContain(id);
    expect(await api.get(id)).toEqual(before);
  });

  it('resumes SSE with Last-Event-ID: no duplicate seq, no gap in steps, ends with the status', async () => {
    const id = await api.startDummy({ steps: 24, step_ms: 25 });
    const first = await api.events(id);
    await first.waitFor(
      (e) =>
        e.event === 'progress' && (payloadOf<ProgressEvent>(e).progress.items_processed ?? 0) >= 3,
    );
    first.close();
    const before = await first.ended;
    const lastId = before.at(-1)!.id!;

    const after = await (await api.events(id, lastId)).ended;
    expect(after.length).toBeGreaterThan(0);
    for (const event of after) expect(Number(event.id)).toBeGreaterThan(Number(lastId));
    const all = [...before, ...after];
    expectIdsAreSeqs(all);
    expectOrdered(progressOf(all));
    const status = finalStatus(after);
    expect(status.status).toBe('completed');
    // Every step the operation went through appears in what the client saw, across the cut.
    const steps = new Set(progressOf(all).map((e) => e.progress.step_name));
    expect(steps).toContain(status.operation.progress?.step_name);
  });

  it('streams over socket.io: progress then one status; subscribe_all sees created and finished', async () => {
    const socket = operationsSocket(service.url);
    sockets.push(socket);
    await nextEvent(socket, 'connect');
    await expect(socket.emitWithAck('subscribe_all')).resolves.toEqual({ ok: true });
    const created = nextEvent<FeedEntry>(socket, 'operation_created');
    const progress = recordEvents<ProgressEvent>(socket, 'progress');
    const statuses = recordEvents<StatusEvent>(socket, 'status');

    const id = await api.startDummy({ steps: 6, step_ms: 40 });
    const finished = nextEvent<FeedEntry>(
      socket,
      'operation_status',
      (e) => e.operation.operation_id === id && e.operation.status === 'completed',
    );
    const status = nextEvent<StatusEvent>(socket, 'status', (e) => e.operation_id === id);
    await expect(socket.emitWithAck('subscribe', { operation_id: id })).resolves.toEqual({
      ok: true,
      operation_id: id,
    });

    expect(await created).toMatchObject({ kind: 'created', operation: { operation_id: id } });
    const final = await status;
    expect(final).toMatchObject({
      status: 'completed',
      operation: { result: { steps_completed: 6 } },
    });
    await finished;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.operation_id === id)).toBe(true);
    expectOrdered(progress);
    expect(final.seq).toBeGreaterThan(progress.at(-1)!.seq);
    expect(statuses).toHaveLength(1);
  });

  it('keeps concurrent operations apart: cancelling one of two leaves the other to complete', async () => {
    const [a, b] = await Promise.all([
      api.startDummy({ steps: 30, step_ms: 20 }),
      api.startDummy({ steps: 30, step_ms: 20 }),
    ]);
    const [sseA, sseB] = await Promise.all([api.waitRunning(a), api.waitRunning(b)]);

    expect((await api.cancel(a)).status).toBe(202);
    const [endA, endB] = await Promise.all([sseA.ended, sseB.ended]);

    expect(finalStatus(endA).status).toBe('cancelled');
    expect(finalStatus(endB).status).toBe('completed');
    expect(await api.get(a)).toMatchObject({ status: 'cancelled' });
    expect(await api.get(b)).toMatchObject({
      status: 'completed',
      cancellation: null,
      result: { steps_completed: 30 },
    });
  });

  describe('bad input: 4xx naming the problem, nothing stored', () => {
    let total: number;
    beforeEach(async () => {
      total = await api.total();
    });
    afterEach(async () => {
      expect(await api.total()).toBe(total);
    });

    it.each([
      ['malformed JSON', '{"steps": 3,', 'INVALID_JSON', /^Malformed JSON in request body/],
      ['an unknown field', { steps: 3, step_ms: 1, colour: 'red' }, 'VALIDATION_FAILED', /colour/],
      [
        'a wrong type',
        { steps: 'ten', step_ms: 1 },
        'VALIDATION_FAILED',
        /steps must be an integer/,
      ],
      [
        'an out-of-range value',
        { steps: 0, step_ms: 1 },
        'VALIDATION_FAILED',
        /steps must not be less than 1/,
      ],
      ['a missing field', { steps: 3 }, 'VALIDATION_FAILED', /step_ms/],
    ])('POST dummy with %s → 400', async (_label, body, code, message) => {
      const res = await api.request<{ code: string; message: string | string[] }>(
        'POST',
        '/operations/dummy',
        body,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect([res.body.message].flat().join('; ')).toMatch(message);
    });

    it.each([
      ['GET', ''],
      ['DELETE', ''],
      ['GET', '/events'],
      ['GET', '/metrics'],
    ])('%s an unknown id%s → 404 naming it', async (method, suffix) => {
      const id = 'op_dummy_20200101_000000_deadbeef';
      const res = await api.request<{ code: string; message: string }>(
        method,
        `/operations/${id}${suffix}`,
      );
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'OPERATION_NOT_FOUND' });
      expect(res.body.message).toContain(id);
    });

    it('refuses a bad list query and a bad Last-Event-ID with 400', async () => {
      const list = await api.request<{ message: string[] }>('GET', '/operations?limit=0');
      expect(list.status).toBe(400);
      expect(list.body.message.join('; ')).toMatch(/limit must not be less than 1/);
      const id = await api.request<{ code: string }>('GET', '/operations?status=finished');
      expect(id.status).toBe(400);
      const sse = await api.events('op_dummy_20200101_000000_deadbeef', 'abc');
      expect(sse.status).toBe(400);
      expect(sse.json).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});

describe('API key enforced (API_KEY set)', () => {
  const KEY = 'e2e-secret-key-16+';
  let service: RunningService;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    service = await pool.startApi(pool.dataDir('ktrdr-ops-key-e2e-'), { API_KEY: KEY });
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));

  function socket(opts: Parameters<typeof operationsSocket>[1]): Socket {
    const client = operationsSocket(service.url, opts);
    sockets.push(client);
    return client;
  }

  it('refuses REST without the key or with a wrong one (401), accepts Bearer and x-api-key', async () => {
    const open = new OpsApi(service.url);
    const none = await open.request('GET', '/operations');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(
      (await open.request('GET', '/operations', undefined, { 'x-api-key': 'nope' })).status,
    ).toBe(401);
    expect((await open.request('POST', '/operations/dummy', { steps: 1, step_ms: 0 })).status).toBe(
      401,
    );

    const bearer = new OpsApi(service.url, { authorization: `Bearer ${KEY}` });
    const viaHeader = new OpsApi(service.url, { 'x-api-key': KEY });
    expect(await bearer.total()).toBe(0);
    const id = await viaHeader.startDummy({ steps: 2, step_ms: 1 });
    expect((await bearer.followToEnd(id)).status).toBe('completed');
    expect((await open.events(id)).status).toBe(401);
  });

  it('keeps /health public', async () => {
    const res = await new OpsApi(service.url).request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('refuses a socket.io client without the key and accepts one with it', async () => {
    const refused = socket({});
    const error = await nextEvent<{ code: string }>(refused, 'error');
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    if (refused.connected) await nextEvent(refused, 'disconnect');
    expect(refused.connected).toBe(false);

    for (const opts of [{ auth: { token: KEY } }, { extraHeaders: { 'x-api-key': KEY } }]) {
      const accepted = socket(opts);
      await nextEvent(accepted, 'connect');
      await expect(accepted.emitWithAck('subscribe_all')).resolves.toEqual({ ok: true });
    }
  });
});

describe('graceful shutdown (SIGTERM)', () => {
  it('drains: health 503 while draining, exit 0 within the grace, the operation cancelled by shutdown', async () => {
    const dataDir = pool.dataDir('ktrdr-ops-shutdown-e2e-');
    const service = await pool.startApi(dataDir, { SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const api = new OpsApi(service.url);
    const id = await api.startDummy({ steps: 10000, step_ms: 20 });
    const sse = await api.waitRunning(id);

    const signalledAt = Date.now();
    service.proc.kill('SIGTERM');
    // Health, asked again and again until the server stops answering: 200 until the signal is
    // handled, then 503 while the operations drain, never 200 again.
    const health: number[] = [];
    const deadline = signalledAt + GRACE_MS + 2000;
    while (service.proc.exitCode === null && service.proc.signalCode === null) {
      if (Date.now() > deadline) throw new Error(`still serving after the grace: ${health.join()}`);
      const res = await fetch(`${service.url}/api/v1/health`).catch(() => null);
      if (res === null) break;
      health.push(res.status);
      const body = (await res.json()) as { status: string };
      if (res.status === 503) expect(body).toEqual({ status: 'draining' });
    }
    expect(health.join(',')).toMatch(/^(200,?)*(503,?)*$/);

    expect(await service.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS);
    // Subscribers saw the end before the server closed.
    expect(finalStatus(await sse.ended)).toMatchObject({ status: 'cancelled' });

    const restarted = await pool.startApi(dataDir);
    const op = await new OpsApi(restarted.url).get(id);
    expect(op).toMatchObject({
      status: 'cancelled',
      error: null,
      cancellation: { reason: 'shutdown' },
    });
    await restarted.stop();
  });
});
