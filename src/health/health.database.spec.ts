import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { startDummy, waitForEnd } from '../common/testing/operations-client';
import { TcpProxy } from '../common/testing/tcp-proxy';
import { createTestApp, type TestApp } from '../common/testing/test-app';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The API on a real PostgreSQL reached through a proxy the test can take away: every
 * connection of the app carries this suite's own application_name, and only those are ever
 * terminated.
 */
describe('the API when its PostgreSQL goes away and comes back', () => {
  const tag = randomBytes(5).toString('hex');
  const schema = `ktrdr_test_${tag}`;
  const appName = `ktrdr-test-${tag}`;
  let admin: Client;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    const target = new URL(POSTGRES_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(POSTGRES_URL);
    url.port = String(proxy.port);
    // The schema option, not a search_path: the migrator must not take another schema's lock table.
    url.searchParams.set('schema', schema);
    url.searchParams.set('application_name', appName);
    t = await createTestApp({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  /** Terminates this suite's connections (never another session's). */
  async function terminateOwnConnections(): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
       where application_name like $1 and pid <> pg_backend_pid()`,
      [`${appName}%`],
    );
    return rows[0]?.n ?? 0;
  }

  async function healthUntil(status: number): Promise<request.Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await request(t.url).get('/api/v1/health');
      if (res.status === status || attempt > 100) return res;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('stays up: health and new work answer 503 DATABASE_UNAVAILABLE, then recover by themselves', async () => {
    const id = await startDummy(t.url, { steps: 100000, step_ms: 10 });
    await request(t.url).get('/api/v1/health').expect(200);

    // A restart: the server ends the sessions, then is away for a while.
    expect(await terminateOwnConnections()).toBeGreaterThan(0);
    proxy.takeDown();

    const health = await request(t.url).get('/api/v1/health').expect(503);
    expect(health.body).toMatchObject({
      status: 'error',
      components: { database: { status: 'down', code: 'DATABASE_UNAVAILABLE' } },
    });
    const refused = await request(t.url)
      .post('/api/v1/operations/dummy')
      .send({ steps: 1, step_ms: 0 })
      .expect(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    const read = await request(t.url).get(`/api/v1/operations/${id}`).expect(503);
    expect(read.body.code).toBe('DATABASE_UNAVAILABLE');

    proxy.bringUp();
    expect((await healthUntil(200)).body).toMatchObject({ status: 'ok', active_operations: 1 });
    await request(t.url).delete(`/api/v1/operations/${id}`).expect(202);
    expect((await waitForEnd(t.url, id)).status).toBe('cancelled');
    const next = await startDummy(t.url, { steps: 2, step_ms: 1 });
    expect((await waitForEnd(t.url, next)).status).toBe('completed');
  });
});
