import { once } from 'node:events';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import type { OperationEvent } from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../../common/testing/operations-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';
import { OperationsGateway } from './operations.gateway';

const UNKNOWN_ID = 'op_dummy_20250101_000000_deadbeef';

type FeedEntry = { kind: string; operation: { operation_id: string; status: string } };

/** Resolves with the first `name` event whose payload matches. */
function nextEvent<T>(
  socket: ClientSocket,
  name: string,
  match: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (payload: T): void => {
      if (!match(payload)) return;
      socket.off(name, listener);
      resolve(payload);
    };
    socket.on(name, listener);
  });
}

describe('socket.io /operations gateway', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];

  async function connect(): Promise<ClientSocket> {
    const socket = io(`${t.url}/operations`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  it('subscribe → progress events then one status event, the same JSON as SSE', async () => {
    const socket = await connect();
    const id = await startDummy(t.url, { steps: 5, step_ms: 5 });
    const progress: OperationEvent[] = [];
    socket.on('progress', (e: OperationEvent) => progress.push(e));
    const statusEvent = nextEvent<OperationEvent>(socket, 'status');

    await expect(socket.emitWithAck('subscribe', { operation_id: id })).resolves.toEqual({
      ok: true,
      operation_id: id,
    });
    const status = await statusEvent;
    expect(status).toMatchObject({ kind: 'status', operation_id: id, status: 'completed' });
    expect(progress.length).toBeGreaterThan(0);
    for (const e of progress) expect(e).toMatchObject({ kind: 'progress', operation_id: id });
    const seqs = [...progress.map((e) => e.seq), status.seq];
    seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]!));
  });

  it('resumes after since_seq', async () => {
    const id = await startDummy(t.url, { steps: 3, step_ms: 1 });
    const ended = await waitForEnd(t.url, id);
    const lastSeq = ended.progress!.seq;
    const socket = await connect();
    const progress: OperationEvent[] = [];
    socket.on('progress', (e: OperationEvent) => progress.push(e));
    const statusEvent = nextEvent<OperationEvent>(socket, 'status');
    await socket.emitWithAck('subscribe', { operation_id: id, since_seq: lastSeq });
    expect((await statusEvent).seq).toBe(lastSeq + 1);
    expect(progress).toEqual([]);
  });

  it.each<[unknown, string, string | string[]]>([
    [{ operation_id: UNKNOWN_ID }, 'OPERATION_NOT_FOUND', `Operation ${UNKNOWN_ID} not found`],
    [{ operation_id: 'nonsense' }, 'OPERATION_NOT_FOUND', 'Operation nonsense not found'],
    [{}, 'VALIDATION_FAILED', ['operation_id must be a string']],
    [
      { operation_id: UNKNOWN_ID, since_seq: -1 },
      'VALIDATION_FAILED',
      ['since_seq must not be less than 0'],
    ],
    [
      { operation_id: UNKNOWN_ID, since_seq: 2 ** 63 },
      'VALIDATION_FAILED',
      ['since_seq must not be greater than 2147483647'],
    ],
    [
      { operation_id: UNKNOWN_ID, extra: true },
      'VALIDATION_FAILED',
      ['property extra should not exist'],
    ],
    ['op_x', 'VALIDATION_FAILED', ['payload must be an object']],
  ])('subscribe %j → error event %s', async (payload, code, message) => {
    const socket = await connect();
    const error = nextEvent<{ code: string; message: unknown }>(socket, 'error');
    const ack = (await socket.emitWithAck('subscribe', payload)) as { ok: boolean; code: string };
    expect(ack).toEqual({
      ok: false,
      code,
      message,
      ...(code === 'OPERATION_NOT_FOUND' && {
        operation_id: (payload as { operation_id: string }).operation_id,
      }),
    });
    expect(await error).toEqual({ ...ack, ok: undefined });
  });

  it('unsubscribe stops the events of that operation', async () => {
    const socket = await connect();
    const id = await startDummy(t.url, { steps: 100000, step_ms: 10 });
    const statuses: unknown[] = [];
    socket.on('status', (e: unknown) => statuses.push(e));
    const firstProgress = nextEvent(socket, 'progress');
    await socket.emitWithAck('subscribe', { operation_id: id });
    await firstProgress;
    await expect(socket.emitWithAck('unsubscribe', { operation_id: id })).resolves.toEqual({
      ok: true,
      operation_id: id,
    });
    expect(t.app.get(OperationsGateway).subscriptionCount).toBe(0);

    await request(t.url).delete(`/api/v1/operations/${id}`).expect(202);
    await waitForEnd(t.url, id);
    await socket.emitWithAck('unsubscribe_all'); // a round trip: anything sent before it has arrived
    expect(statuses).toEqual([]);
  });

  it('subscribe_all → operation_created and operation_status; unsubscribe_all stops them', async () => {
    const socket = await connect();
    const created: FeedEntry[] = [];
    socket.on('operation_created', (e: FeedEntry) => created.push(e));
    await expect(socket.emitWithAck('subscribe_all')).resolves.toEqual({ ok: true });

    const completed = nextEvent<FeedEntry>(
      socket,
      'operation_status',
      (e) => e.operation.status === 'completed',
    );
    const id = await startDummy(t.url, { steps: 2, step_ms: 1 });
    expect((await completed).operation.operation_id).toBe(id);
    expect(created).toEqual([
      {
        kind: 'created',
        operation: expect.objectContaining({ operation_id: id, status: 'pending' }),
      },
    ]);

    await socket.emitWithAck('unsubscribe_all');
    const later = await startDummy(t.url, { steps: 1, step_ms: 0 });
    await waitForEnd(t.url, later);
    await socket.emitWithAck('unsubscribe_all');
    expect(created.map((e) => e.operation.operation_id)).toEqual([id]);
  });

  it('tears every subscription down when the socket disconnects', async () => {
    const socket = await connect();
    const gateway = t.app.get(OperationsGateway);
    const id = await startDummy(t.url, { steps: 100000, step_ms: 10 });
    await socket.emitWithAck('subscribe', { operation_id: id });
    await socket.emitWithAck('subscribe_all');
    expect(gateway.subscriptionCount).toBe(1);

    const serverSide = gateway.server.sockets.get(socket.id!)!;
    const gone = once(serverSide, 'disconnect');
    socket.disconnect();
    await gone;
    expect(gateway.subscriptionCount).toBe(0);

    await request(t.url).delete(`/api/v1/operations/${id}`).expect(202);
    await waitForEnd(t.url, id);
  });
});

describe('socket.io namespaces other than /operations', () => {
  const KEY = 'gateway-test-key-0123';
  let t: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ API_KEY: KEY });
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  /** Resolves with the outcome of connecting to `namespace`: connected, or the refusal. */
  function attempt(namespace: string, auth?: { token: string }): Promise<string> {
    const socket = io(`${t.url}${namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(auth && { auth }),
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error) => resolve(`refused: ${error.message}`));
    });
  }

  it('refuses the root namespace, with or without the key, and serves /operations with it', async () => {
    await expect(attempt('/')).resolves.toBe('refused: Only the /operations namespace is served');
    await expect(attempt('/', { token: KEY })).resolves.toMatch(/^refused: /);
    await expect(attempt('/elsewhere', { token: KEY })).resolves.toBe('refused: Invalid namespace');
    await expect(attempt('/operations', { token: KEY })).resolves.toBe('connected');
  });
});
