import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AdapterRegistry } from '@ktrdr/async-infrastructure';
import { StorageFullError } from '@ktrdr/http-kit';
import { OperationsService, ShutdownCoordinator } from '@ktrdr/operations';
import { IbDataAdapter } from '../host-adapters';
import { startDummy, waitForEnd } from '../common/testing/operations-client';
import { createTestApp, type TestApp } from '../common/testing/test-app';
import { HEALTH_CHECK_TIMEOUT_MS } from './readiness.indicators';

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
      components: {
        database: { status: 'up', responseTime: expect.any(Number) },
        storage: { status: 'up' },
      },
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
    expect(health.body).toMatchObject({
      status: 'error',
      components: {
        database: { status: 'up' },
        storage: {
          status: 'down',
          code: 'STORAGE_FULL',
          message:
            "The server's storage is full: nothing was written (2 operation end(s) held in memory until they can be written)",
          since: '2026-01-01T00:00:00.000Z',
        },
      },
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

  it('answers 503 naming the database when the operations store fails', async () => {
    jest
      .spyOn(t.app.get(OperationsService), 'countActive')
      .mockRejectedValue(new Error('SQLITE_IOERR: disk I/O error'));
    const res = await request(t.url).get('/api/v1/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      active_operations: null,
      components: { database: { status: 'down', message: 'SQLITE_IOERR: disk I/O error' } },
    });
  });

  it('answers 503 when the database does not answer within the check timeout', async () => {
    jest
      .spyOn(t.app.get(OperationsService), 'countActive')
      .mockReturnValue(new Promise<number>(() => undefined));
    const res = await request(t.url).get('/api/v1/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      components: {
        database: { status: 'down', message: `timeout of ${HEALTH_CHECK_TIMEOUT_MS}ms exceeded` },
      },
    });
  });

  it('reports each host adapter: up, or degraded (still 200) when its host is down', async () => {
    const registry = t.app.get(AdapterRegistry);
    const hostServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    hostServer.listen(0, '127.0.0.1');
    await once(hostServer, 'listening');
    const up = new IbDataAdapter({
      baseUrl: `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`,
    });
    const unregister = registry.register(up);
    try {
      const ok = await request(t.url).get('/api/v1/health').expect(200);
      expect(ok.body).toMatchObject({
        status: 'ok',
        components: { 'host:ib': { status: 'up', http_status: 200 } },
      });

      await up.close();
      unregister();
      const down = new IbDataAdapter({ baseUrl: 'http://127.0.0.1:9' }); // nothing listens
      registry.register(down);
      const degraded = await request(t.url).get('/api/v1/health').expect(200);
      expect(degraded.body).toMatchObject({
        status: 'degraded',
        active_operations: 0,
        components: {
          database: { status: 'up' },
          'host:ib': {
            status: 'degraded',
            http_status: null,
            message: expect.stringMatching(/ECONNREFUSED/),
          },
        },
      });
      await down.close();
    } finally {
      hostServer.close();
    }
  });
});
