import request from 'supertest';
import { OperationStore, type OperationRecord } from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../../common/testing/operations-client';
import { openSse } from '../../common/testing/sse-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';
import { OPERATION_ID_PATTERN } from './parse-operation-id.pipe';

type Page = { items: OperationRecord[]; total: number };
type Metrics = { items: { data: Record<string, unknown> }[]; next_cursor: number | null };

const UNKNOWN_ID = 'op_dummy_20250101_000000_deadbeef';

describe('operations REST API', () => {
  let t: TestApp;
  let api: () => ReturnType<typeof request>;

  beforeAll(async () => {
    t = await createTestApp();
    api = () => request(t.url);
  });
  afterAll(() => t.close());

  describe('GET /operations/:id', () => {
    it('returns the operation, and the completed result once it ended', async () => {
      const id = await startDummy(t.url, { steps: 3, step_ms: 1 });
      expect(id).toMatch(OPERATION_ID_PATTERN);

      const early = await api().get(`/api/v1/operations/${id}`).expect(200);
      expect(early.body).toMatchObject({
        operation_id: id,
        operation_type: 'dummy',
        metadata: { parameters: { steps: 3, step_ms: 1 } },
      });

      await waitForEnd(t.url, id);
      const done = await api().get(`/api/v1/operations/${id}`).expect(200);
      const op = done.body as OperationRecord;
      expect(op.status).toBe('completed');
      expect(op.result).toEqual({ steps_completed: 3, elapsed_ms: expect.any(Number) });
      expect(op.progress).toMatchObject({ percentage: 100, step_name: 'run' });
      expect(op.completed_at).not.toBeNull();
    });

    it('answers 404 OPERATION_NOT_FOUND for an unknown id and for a malformed one', async () => {
      for (const id of [UNKNOWN_ID, 'not-an-id', 'op_DUMMY_20250101_000000_deadbeef']) {
        const res = await api().get(`/api/v1/operations/${id}`).expect(404);
        expect(res.body).toMatchObject({
          statusCode: 404,
          error: 'Not Found',
          code: 'OPERATION_NOT_FOUND',
          message: expect.stringContaining(id),
        });
      }
    });
  });

  describe('GET /operations', () => {
    it('lists newest first with filters, paging, total and active_count', async () => {
      const done = await startDummy(t.url, { steps: 1, step_ms: 0 });
      await waitForEnd(t.url, done);
      const running = await startDummy(t.url, { steps: 100000, step_ms: 50 });

      const all = await api().get('/api/v1/operations').expect(200);
      expect(all.body.items[0].operation_id).toBe(running);
      expect(all.body.total).toBeGreaterThanOrEqual(2);
      expect(all.body.active_count).toBe(1);

      const active = await api().get('/api/v1/operations?active_only=true').expect(200);
      expect((active.body as Page).items.map((o) => o.operation_id)).toEqual([running]);
      expect(active.body.total).toBe(1);

      const completed = await api()
        .get('/api/v1/operations?status=completed&operation_type=dummy')
        .expect(200);
      expect((completed.body as Page).items.every((o) => o.status === 'completed')).toBe(true);
      expect((completed.body as Page).items.map((o) => o.operation_id)).toContain(done);

      const page = await api().get('/api/v1/operations?limit=1&offset=1').expect(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].operation_id).toBe(all.body.items[1].operation_id);

      const none = await api().get('/api/v1/operations?operation_type=training').expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });

      await api().delete(`/api/v1/operations/${running}`).expect(202);
      await waitForEnd(t.url, running);
    });

    it.each([
      ['limit=0', 'limit must not be less than 1'],
      ['limit=1001', 'limit must not be greater than 1000'],
      ['limit=ten', 'limit must be an integer number'],
      ['offset=-1', 'offset must not be less than 0'],
      ['offset=10000000000000000000', 'offset must not be greater than 2147483647'],
      ['offset=2147483648', 'offset must not be greater than 2147483647'],
      [
        'status=finished',
        'status must be one of the following values: pending, running, cancelling, completed, failed, cancelled',
      ],
      ['active_only=yes', 'active_only must be true or false'],
      ['sort=asc', 'property sort should not exist'],
    ])('rejects ?%s with 400 VALIDATION_FAILED naming the problem', async (query, message) => {
      const res = await api().get(`/api/v1/operations?${query}`).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [message],
        code: 'VALIDATION_FAILED',
      });
    });
  });

  describe('DELETE /operations/:id', () => {
    it('cancels a running operation (202, reason from the body) and it ends cancelled', async () => {
      const id = await startDummy(t.url, { steps: 100000, step_ms: 20 });
      const sse = await openSse(`${t.url}/api/v1/operations/${id}/events`);
      await sse.waitFor((m) => m.event === 'progress');

      const res = await api()
        .delete(`/api/v1/operations/${id}`)
        .send({ reason: 'changed my mind' })
        .expect(202);
      expect(['cancelling', 'cancelled']).toContain(res.body.status);
      expect(res.body.cancellation).toMatchObject({ reason: 'changed my mind' });

      await sse.ended;
      const op = (await api().get(`/api/v1/operations/${id}`).expect(200)).body as OperationRecord;
      expect(op.status).toBe('cancelled');
      expect(op.result).toEqual({ steps_completed: expect.any(Number) });
      expect((op.result as { steps_completed: number }).steps_completed).toBeLessThan(100000);
    });

    it('takes the reason from the query string too', async () => {
      const id = await startDummy(t.url, { steps: 100000, step_ms: 20 });
      const res = await api().delete(`/api/v1/operations/${id}?reason=from%20query`).expect(202);
      expect(res.body.cancellation).toMatchObject({ reason: 'from query' });
      await waitForEnd(t.url, id);
    });

    it('refuses to cancel a finished operation with 409 and changes nothing', async () => {
      const id = await startDummy(t.url, { steps: 1, step_ms: 0 });
      const ended = await waitForEnd(t.url, id);
      const res = await api().delete(`/api/v1/operations/${id}`).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'OPERATION_ALREADY_FINISHED' });
      const after = await api().get(`/api/v1/operations/${id}`).expect(200);
      expect(after.body).toEqual(ended);
      expect(after.body.cancellation).toBeNull();
    });

    it('answers 404 for an unknown id and 400 for a bad reason, without cancelling', async () => {
      await api().delete(`/api/v1/operations/${UNKNOWN_ID}`).expect(404);
      const id = await startDummy(t.url, { steps: 100000, step_ms: 20 });
      const tooLong = await api()
        .delete(`/api/v1/operations/${id}`)
        .send({ reason: 'x'.repeat(201) })
        .expect(400);
      expect(tooLong.body.message).toEqual([
        'reason must be shorter than or equal to 200 characters',
      ]);
      const extra = await api()
        .delete(`/api/v1/operations/${id}`)
        .send({ force: true })
        .expect(400);
      expect(extra.body.message).toEqual(['property force should not exist']);
      const wrongType = await api()
        .delete(`/api/v1/operations/${id}`)
        .send({ reason: 5 })
        .expect(400);
      expect(wrongType.body.message).toEqual(['reason must be a string']);

      const op = await api().get(`/api/v1/operations/${id}`).expect(200);
      expect(op.body.cancellation).toBeNull();
      expect(['pending', 'running']).toContain(op.body.status);
      await api().delete(`/api/v1/operations/${id}`).expect(202);
      await waitForEnd(t.url, id);
    });
  });

  describe('POST /operations/dummy', () => {
    it('answers 400 JSON_TOO_DEEP to a deeply nested body (≈1,400 levels), not a 500', async () => {
      const res = await api()
        .post('/api/v1/operations/dummy')
        .set('content-type', 'application/json')
        .send(`{"steps": ${'['.repeat(1400)}${']'.repeat(1400)}}`)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
    });
  });

  describe('GET /operations/:id/metrics', () => {
    it('pages the metrics series with a cursor', async () => {
      const id = await startDummy(t.url, { steps: 1, step_ms: 0 });
      await waitForEnd(t.url, id);
      const empty = await api().get(`/api/v1/operations/${id}/metrics`).expect(200);
      expect(empty.body).toEqual({ items: [], next_cursor: null });

      const store = t.app.get(OperationStore);
      for (let epoch = 1; epoch <= 3; epoch++)
        await store.appendMetrics(id, { epoch, loss: 1 / epoch });

      const first = await api().get(`/api/v1/operations/${id}/metrics?limit=2`).expect(200);
      expect((first.body as Metrics).items.map((i) => i.data)).toEqual([
        { epoch: 1, loss: 1 },
        { epoch: 2, loss: 0.5 },
      ]);
      expect(first.body.next_cursor).not.toBeNull();
      const rest = await api()
        .get(`/api/v1/operations/${id}/metrics?cursor=${String(first.body.next_cursor)}&limit=2`)
        .expect(200);
      expect((rest.body as Metrics).items.map((i) => i.data['epoch'])).toEqual([3]);
    });

    it('answers 404 for an unknown id and 400 for a bad limit or cursor', async () => {
      await api().get(`/api/v1/operations/${UNKNOWN_ID}/metrics`).expect(404);
      const id = await startDummy(t.url, { steps: 1, step_ms: 0 });
      const limit = await api().get(`/api/v1/operations/${id}/metrics?limit=0`).expect(400);
      expect(limit.body.message).toEqual(['limit must not be less than 1']);
      const cursor = await api().get(`/api/v1/operations/${id}/metrics?cursor=x`).expect(400);
      expect(cursor.body.message).toEqual(['cursor must be an integer number']);
      const huge = await api()
        .get(`/api/v1/operations/${id}/metrics?cursor=10000000000000000000`)
        .expect(400);
      expect(huge.body.message).toEqual(['cursor must not be greater than 2147483647']);
      await waitForEnd(t.url, id);
    });
  });
});
