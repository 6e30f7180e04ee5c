import { ApiClient } from './api-client';
import type { ProgressSnapshot } from './api.types';
import { ApiConnectionError, ApiError } from './cli.errors';
import { OperationWatcher } from './operation-watcher';
import { FakeApiServer } from './testing/fake-api-server';
import { FakeOperation } from './testing/fake-operation';

describe('OperationWatcher', () => {
  let server: FakeApiServer;

  afterEach(() => server.close());

  function watcherFor(api: FakeApiServer, maxAttempts = 3): OperationWatcher {
    return new OperationWatcher(new ApiClient({ baseUrl: api.baseUrl }), {
      backoffMs: [5],
      maxAttempts,
    });
  }

  function runningDummy(steps: number, stepMs: number): FakeOperation {
    const operation = server.add(FakeOperation.create());
    operation.runDummy(steps, stepMs);
    return operation;
  }

  it('follows the stream to the final status, every step in order', async () => {
    server = await FakeApiServer.start();
    const operation = runningDummy(5, 5);
    const seen: ProgressSnapshot[] = [];
    const final = await watcherFor(server).watch(operation.record.operation_id, {
      onProgress: (progress) => seen.push(progress),
    });
    expect(final.status).toBe('completed');
    expect(final.result).toEqual({ steps_completed: 5 });
    expect(seen.map((p) => p.items_processed)).toEqual([1, 2, 3, 4, 5, 5]);
  });

  it('resumes a dropped stream with Last-Event-ID, without gaps or duplicates', async () => {
    server = await FakeApiServer.start({ dropFirstStreamAfter: 2 });
    const operation = runningDummy(6, 10);
    const reconnects: unknown[] = [];
    const seqs: number[] = [];
    const final = await watcherFor(server).watch(operation.record.operation_id, {
      onProgress: (progress) => seqs.push(progress.seq),
      onReconnect: (_attempt, error) => reconnects.push(error),
    });
    expect(final.status).toBe('completed');
    const streams = server.requestsTo('GET', /\/events$/);
    expect(streams).toHaveLength(2);
    expect(streams[0]!.headers['last-event-id']).toBeUndefined();
    expect(streams[1]!.headers['last-event-id']).toBe('2');
    expect(reconnects).toHaveLength(1);
    const progressSeqs = seqs.slice(0, -1); // the last one repeats the final snapshot
    expect(progressSeqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('checks with a GET when the stream ends without a status event, then resumes', async () => {
    server = await FakeApiServer.start({ endFirstStreamAfter: 1 });
    const operation = runningDummy(4, 10);
    const final = await watcherFor(server).watch(operation.record.operation_id);
    expect(final.status).toBe('completed');
    const id = operation.record.operation_id;
    expect(server.requestsTo('GET', new RegExp(`/operations/${id}$`))).toHaveLength(1);
    expect(server.requestsTo('GET', /\/events$/)[1]!.headers['last-event-id']).toBe('1');
  });

  it('resolves from the GET when a stream for a finished operation carries no status', async () => {
    server = await FakeApiServer.start();
    const operation = server.add(FakeOperation.create({ status: 'failed' }));
    operation.record.error = { code: 'BOOM', message: 'it broke' };
    const final = await watcherFor(server).watch(operation.record.operation_id);
    expect(final).toMatchObject({ status: 'failed', error: { code: 'BOOM' } });
  });

  it('rejects an unknown operation at once, without retrying', async () => {
    server = await FakeApiServer.start();
    const error = await watcherFor(server)
      .watch('op_dummy_20240101_000000_deadbeef')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'OPERATION_NOT_FOUND' });
    expect(server.requestsTo('GET', /\/events$/)).toHaveLength(1);
  });

  it('gives up after maxAttempts when the API is gone', async () => {
    server = await FakeApiServer.start();
    const operation = runningDummy(100, 1000);
    const watcher = watcherFor(server, 2);
    const id = operation.record.operation_id;
    await server.close();
    const attempts: number[] = [];
    const error = await watcher
      .watch(id, { onReconnect: (attempt) => attempts.push(attempt) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(attempts).toEqual([1, 2]);
  });

  it('stops when its signal aborts', async () => {
    server = await FakeApiServer.start();
    const operation = runningDummy(100, 1000);
    const controller = new AbortController();
    const watching = watcherFor(server).watch(operation.record.operation_id, {}, controller.signal);
    controller.abort();
    await expect(watching).rejects.toMatchObject({ name: 'AbortError' });
    expect(operation.record.status).toBe('running');
  });
});
