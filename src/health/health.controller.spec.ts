import request from 'supertest';
import { ShutdownCoordinator, OperationsService } from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../common/testing/operations-client';
import { createTestApp, type TestApp } from '../common/testing/test-app';

describe('GET /api/v1/health', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('answers ok with uptime and the active operations', async () => {
    const idle = await request(t.url).get('/api/v1/health').expect(200);
    expect(idle.body).toEqual({
      status: 'ok',
      uptime_s: expect.any(Number),
      active_operations: 0,
      running_here: 0,
      execution_mode: 'in-process',
    });

    const list = jest.spyOn(t.app.get(OperationsService), 'list');
    const id = await startDummy(t.url, { steps: 100000, step_ms: 10 });
    const busy = await request(t.url).get('/api/v1/health').expect(200);
    expect(busy.body).toMatchObject({ status: 'ok', active_operations: 1 });
    // One COUNT, not a list page with its three queries.
    expect(list).not.toHaveBeenCalled();
    await request(t.url).delete(`/api/v1/operations/${id}`).expect(202);
    await waitForEnd(t.url, id);
  });

  it('answers 503 draining once shutdown started, and new operations are refused', async () => {
    const id = await startDummy(t.url, { steps: 100000, step_ms: 10 });
    await t.app.get(ShutdownCoordinator).beforeApplicationShutdown('SIGTERM');

    const health = await request(t.url).get('/api/v1/health').expect(503);
    expect(health.body).toEqual({ status: 'draining' });
    const refused = await request(t.url)
      .post('/api/v1/operations/dummy')
      .send({ steps: 1, step_ms: 0 })
      .expect(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'SHUTTING_DOWN' });
    const op = await request(t.url).get(`/api/v1/operations/${id}`).expect(200);
    expect(op.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'shutdown' } });
  });
});
