import request from 'supertest';
import { StorageFullError } from '@ktrdr/http-kit';
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

  it('answers 503 naming the storage while writes fail, and new work is a 507 STORAGE_FULL', async () => {
    const operations = t.app.get(OperationsService);
    const problem = jest.spyOn(operations, 'storageProblem').mockReturnValue({
      code: 'STORAGE_FULL',
      message: "The server's storage is full: nothing was written",
      since: '2026-01-01T00:00:00.000Z',
      pending_ends: 2,
    });
    const health = await request(t.url).get('/api/v1/health').expect(503);
    expect(health.body).toEqual({
      status: 'unavailable',
      component: 'storage',
      code: 'STORAGE_FULL',
      message:
        "The server's storage is full: nothing was written (2 operation end(s) held in memory until they can be written)",
      since: '2026-01-01T00:00:00.000Z',
    });
    jest.spyOn(operations, 'create').mockRejectedValueOnce(new StorageFullError());
    const refused = await request(t.url)
      .post('/api/v1/operations/dummy')
      .send({ steps: 1, step_ms: 0 })
      .expect(507);
    expect(refused.body).toEqual({
      statusCode: 507,
      error: 'Insufficient Storage',
      message: "The server's storage is full: nothing was written",
      code: 'STORAGE_FULL',
    });
    problem.mockReturnValue(null);
    await request(t.url).get('/api/v1/health').expect(200);
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
