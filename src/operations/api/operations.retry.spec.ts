import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationRecord } from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../../common/testing/operations-client';
import { openSse } from '../../common/testing/sse-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';

describe('POST /operations/:id/retry', () => {
  let t: TestApp;
  let api: () => ReturnType<typeof request>;

  beforeAll(async () => {
    t = await createTestApp();
    api = () => request(t.url);
  });
  afterAll(() => t.close());

  const retry = (id: string) => api().post(`/api/v1/operations/${id}/retry`);

  it('starts a failed operation again with the same params: 202 with the new one', async () => {
    const original = await startDummy(t.url, { steps: 4, step_ms: 1, fail_at_step: 3 });
    expect((await waitForEnd(t.url, original)).status).toBe('failed');

    const res = await retry(original).expect(202);
    const started = res.body as OperationRecord;
    expect(started).toMatchObject({
      operation_type: 'dummy',
      status: 'pending',
      retry_of: original,
      metadata: { parameters: { steps: 4, step_ms: 1, fail_at_step: 3 } },
      error: null,
    });
    expect(started.operation_id).not.toBe(original);

    // The same params: it fails at the same step, and its final record names the original.
    const ended = await waitForEnd(t.url, started.operation_id);
    expect(ended).toMatchObject({
      status: 'failed',
      retry_of: original,
      error: { code: 'DUMMY_FAILURE', message: 'Dummy operation failed at step 3 as requested' },
      progress: { items_processed: 2 },
    });
    const stored = await api().get(`/api/v1/operations/${original}`).expect(200);
    expect(stored.body).toMatchObject({ status: 'failed', retry_of: null });
  });

  it('retries a cancelled operation; a retry can be retried in turn', async () => {
    const original = await startDummy(t.url, { steps: 10_000, step_ms: 20 });
    await api().delete(`/api/v1/operations/${original}`).expect(202);
    expect((await waitForEnd(t.url, original)).status).toBe('cancelled');

    const first = (await retry(original).expect(202)).body as OperationRecord;
    const sse = await openSse(`${t.url}/api/v1/operations/${first.operation_id}/events`);
    await sse.waitFor((m) => m.event === 'progress');
    await api().delete(`/api/v1/operations/${first.operation_id}`).expect(202);
    const ended = (await sse.ended).at(-1);
    expect(ended?.event).toBe('status');
    expect(JSON.parse(ended!.data)).toMatchObject({
      status: 'cancelled',
      operation: { operation_id: first.operation_id, retry_of: original },
    });

    const second = (await retry(first.operation_id).expect(202)).body as OperationRecord;
    expect(second.retry_of).toBe(first.operation_id);
    await api().delete(`/api/v1/operations/${second.operation_id}`).expect(202);
    expect((await waitForEnd(t.url, second.operation_id)).status).toBe('cancelled');
  });

  it('refuses completed and active operations with 409 OPERATION_NOT_RETRYABLE', async () => {
    const done = await startDummy(t.url, { steps: 1, step_ms: 0 });
    await waitForEnd(t.url, done);
    const running = await startDummy(t.url, { steps: 10_000, step_ms: 20 });
    const before = (await api().get('/api/v1/operations').expect(200)).body as { total: number };

    for (const [id, status] of [
      [done, 'completed'],
      [running, '(pending|running)'],
    ] as const) {
      const res = await retry(id).expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'OPERATION_NOT_RETRYABLE',
        message: expect.stringMatching(
          new RegExp(`^Operation ${id} cannot be retried: it is ${status};`),
        ),
      });
    }
    const after = (await api().get('/api/v1/operations').expect(200)).body as { total: number };
    expect(after.total).toBe(before.total);
    await api().delete(`/api/v1/operations/${running}`).expect(202);
  });

  it('answers 404 OPERATION_NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of ['op_dummy_20250101_000000_deadbeef', 'not-an-id']) {
      const res = await retry(id).expect(404);
      expect(res.body).toMatchObject({ code: 'OPERATION_NOT_FOUND' });
    }
  });

  it('documents the route and retry_of in the OpenAPI schema of an operation', async () => {
    const doc = (await api().get('/api/openapi.json').expect(200)).body as OpenAPIObject;
    const route = doc.paths['/api/v1/operations/{id}/retry']?.post;
    expect(Object.keys(route?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '404', '409', '503']),
    );
    expect(doc.components?.schemas?.['OperationRecordDto']).toMatchObject({
      properties: { retry_of: { type: 'string', nullable: true } },
      required: expect.arrayContaining(['retry_of']),
    });
  });
});
