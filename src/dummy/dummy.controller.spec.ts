import request from 'supertest';
import type { OperationRecord } from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../common/testing/operations-client';
import { createTestApp, type TestApp } from '../common/testing/test-app';

describe('POST /api/v1/operations/dummy', () => {
  let t: TestApp;
  let api: () => ReturnType<typeof request>;

  beforeAll(async () => {
    t = await createTestApp();
    api = () => request(t.url);
  });
  afterAll(() => t.close());

  async function storedCount(): Promise<number> {
    const res = await api().get('/api/v1/operations').expect(200);
    return (res.body as { total: number }).total;
  }

  it('answers 202 with the pending operation, which runs to completed', async () => {
    const res = await api()
      .post('/api/v1/operations/dummy')
      .send({ steps: 2, step_ms: 1 })
      .expect(202);
    expect(res.body).toEqual({ operation_id: expect.any(String), status: 'pending' });
    const op = await waitForEnd(t.url, res.body.operation_id as string);
    expect(op).toMatchObject({ status: 'completed', result: { steps_completed: 2 } });
  });

  it('fails at fail_at_step with error code DUMMY_FAILURE', async () => {
    const id = await startDummy(t.url, { steps: 5, step_ms: 1, fail_at_step: 3 });
    const op: OperationRecord = await waitForEnd(t.url, id);
    expect(op.status).toBe('failed');
    expect(op.error).toEqual({
      code: 'DUMMY_FAILURE',
      message: 'Dummy operation failed at step 3 as requested',
    });
    expect(op.progress?.items_processed).toBe(2);
  });

  describe('bad input: 4xx naming the problem, nothing stored', () => {
    let before: number;
    beforeEach(async () => {
      before = await storedCount();
    });
    afterEach(async () => {
      expect(await storedCount()).toBe(before);
    });

    it.each([
      [{ steps: 'ten', step_ms: 1 }, ['steps must be an integer number']],
      [{ steps: 1.5, step_ms: 1 }, ['steps must be an integer number']],
      [{ steps: 0, step_ms: 1 }, ['steps must not be less than 1']],
      [{ steps: 100001, step_ms: 1 }, ['steps must not be greater than 100000']],
      [{ steps: 1, step_ms: 60001 }, ['step_ms must not be greater than 60000']],
      [{ steps: 1, step_ms: -1 }, ['step_ms must not be less than 0']],
      [
        { steps: 3, step_ms: 1, fail_at_step: 5 },
        ['fail_at_step (5) must not be greater than steps (3)'],
      ],
      [{ steps: 3, step_ms: 1, fail_at_step: 0 }, ['fail_at_step must not be less than 1']],
      [{ steps: 3, step_ms: 1, colour: 'red' }, ['property colour should not exist']],
      [{}, ['steps must be an integer number', 'step_ms must be an integer number']],
      [[1, 2], ['request body must be a JSON object']],
    ])('%j → 400 VALIDATION_FAILED', async (body, message) => {
      const res = await api().post('/api/v1/operations/dummy').send(body).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message,
        code: 'VALIDATION_FAILED',
      });
    });

    it('malformed JSON → 400 INVALID_JSON', async () => {
      const res = await api()
        .post('/api/v1/operations/dummy')
        .set('content-type', 'application/json')
        .send('{"steps": 3,')
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'INVALID_JSON',
      });
      expect(res.body.message).toMatch(/^Malformed JSON in request body: /);
    });

    it('a body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await api()
        .post('/api/v1/operations/dummy')
        .send({ steps: 1, step_ms: 1, pad: 'x'.repeat(1_100_000) })
        .expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });
  });
});
