import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { TestingModuleBuilder } from '@nestjs/testing';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
  OperationsService,
} from '@ktrdr/operations';
import {
  dataOf,
  openSse,
  type SseConnection,
  type SseMessage,
} from '../../common/testing/sse-client';
import { TcpProxy } from '../../common/testing/tcp-proxy';
import { createTestApp, type TestApp } from '../../common/testing/test-app';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function snapshot(seq: number, step: string): ProgressSnapshot {
  return {
    seq,
    percentage: seq,
    message: `update ${seq}`,
    step_name: step,
    steps_completed: 0,
    steps_total: 3,
    items_processed: seq,
    items_total: 100,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: new Date().toISOString(),
  };
}

/** A bound on each step of a test, below jest's timeout: a failure says which step. */
const STEP_MS = 8000;

const ids = (messages: SseMessage[]) => messages.map((m) => `${m.event?.[0]}${m.id}`);

/** Strictly increasing seqs: in order, each once. */
function expectInOrderOnce(messages: SseMessage[]): void {
  const seqs = messages.map((m) => Number(m.id));
  expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
}

/**
 * Two API apps in queued mode on one PostgreSQL schema and one Redis prefix (each their own):
 * A records an operation's life (as the worker running it would), B streams it to an SSE client.
 * B reaches Redis through a TCP proxy the suite takes away and gives back (never the shared
 * Redis itself).
 */
describe('operation events relayed between two API processes (Redis, PostgreSQL)', () => {
  const tag = randomBytes(5).toString('hex');
  const schema = `ktrdr_test_${tag}`;
  const prefix = `ktrdr-test-${tag}`;
  let admin: Client;
  let proxy: TcpProxy;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const redis = new URL(REDIS_URL);
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    const env = { EXECUTION_MODE: 'queued', REDIS_PREFIX: prefix, DATABASE_URL: POSTGRES_URL };
    // The registry in this suite's own schema (the option; a search_path in the URL would let
    // the migrator take another schema's lock table for ours).
    const inSchema = (redisUrl: string) => ({
      configure: (builder: TestingModuleBuilder) =>
        builder.overrideProvider(OPERATIONS_MODULE_OPTIONS).useValue({
          databaseUrl: POSTGRES_URL,
          schema,
          shutdownGraceMs: 2000,
          queued: {
            redisUrl,
            redisPrefix: prefix,
            workerId: `api-${tag}`,
            role: 'api',
            concurrency: {},
          },
        } satisfies OperationsModuleOptions),
    });
    a = await createTestApp({ ...env, REDIS_URL }, inSchema(REDIS_URL));
    const viaProxy = `redis://127.0.0.1:${proxy.port}`;
    b = await createTestApp({ ...env, REDIS_URL: viaProxy }, inSchema(viaProxy));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await proxy?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  /** A running operation in A's registry (held by a worker's lease), and what A records for it. */
  async function runOnA() {
    const registry = a.app.get(OperationsService);
    const { operation_id: id } = await registry.create({ operation_type: 'dummy' });
    const lease = { workerId: `test-worker-${tag}`, expiresAt: '2999-01-01T00:00:00.000Z' };
    expect(await registry.markRunning(id, lease)).toBe(true);
    return {
      id,
      report: (seq: number, step: string) => registry.recordProgress(id, snapshot(seq, step)),
      finish: () => registry.finish(id, { kind: 'completed', result: { ok: true } }),
    };
  }

  const events = (app: TestApp, id: string, headers: Record<string, string> = {}) =>
    openSse(`${app.url}/api/v1/operations/${id}/events`, headers);
  const hasId = (id: number) => (m: SseMessage) => m.id === String(id);

  /** Waits until A stored the operation's progress up to `seq` (A's writes are throttled). */
  async function storedOnA(id: string, seq: number): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const res = await request(a.url).get(`/api/v1/operations/${id}`).expect(200);
      const body = res.body as { status: string; progress: { seq: number } | null };
      if (body.progress?.seq === seq) return;
      if (Date.now() > deadline) {
        throw new Error(`A never stored seq ${seq}: ${body.status}, seq ${body.progress?.seq}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for B's stream to catch up to `seq`; a failure says what B's health says. */
  async function caughtUpOnB(sse: SseConnection, seq: number): Promise<void> {
    try {
      await sse.waitFor(hasId(seq), STEP_MS);
    } catch (error) {
      const health = await request(b.url).get('/api/v1/health');
      throw new Error(`${String(error)}; B's health: ${JSON.stringify(health.body)}`);
    }
  }

  it('streams on B, live, the progress and status that A records', async () => {
    const op = await runOnA();
    const sse = await events(b, op.id);
    op.report(1, 'load');
    await sse.waitFor(hasId(1)); // live: B relayed it
    for (let seq = 2; seq <= 20; seq++) op.report(seq, seq < 10 ? 'load' : 'save');
    await sse.waitFor(hasId(10));
    await op.finish();
    const received = await sse.ended;
    expectInOrderOnce(received);
    expect(ids(received)).toEqual(expect.arrayContaining(['p1', 'p10', 's21']));
    expect(dataOf(received.at(-1) as SseMessage)).toMatchObject({ status: 'completed' });
  });

  it('resumes on B by Last-Event-ID after a client left A: no gap, no duplicate', async () => {
    const op = await runOnA();
    const onA = await events(a, op.id);
    op.report(1, 'load');
    op.report(2, 'load');
    op.report(3, 'parse');
    const seen = await onA.waitFor(hasId(3));
    onA.close();
    // While the client is away: a step change (stored as an event) and more progress.
    op.report(4, 'parse');
    op.report(5, 'save');
    op.report(6, 'save');
    await storedOnA(op.id, 6);

    const onB = await events(b, op.id, { 'Last-Event-ID': String(seen.id) });
    await onB.waitFor(hasId(6));
    op.report(7, 'save');
    await onB.waitFor(hasId(7));
    await op.finish();
    const resumed = await onB.ended;
    expect(ids(resumed)).toEqual(['p5', 'p6', 'p7', 's8']);
    const all = [...onA.messages, ...resumed];
    expectInOrderOnce(all);
  });

  describe('while B cannot reach Redis', () => {
    it('B catches up from the store once Redis is back: no gap, no duplicate', async () => {
      const op = await runOnA();
      const sse = await events(b, op.id);
      op.report(1, 'one');
      await caughtUpOnB(sse, 1);

      proxy.takeDown();
      op.report(2, 'two'); // step changes, stored as events
      op.report(3, 'three');
      for (let seq = 4; seq <= 10; seq++) op.report(seq, 'three');
      await storedOnA(op.id, 10);
      expect(sse.messages.map((m) => m.id)).toEqual(['1']); // nothing reached B

      proxy.bringUp();
      await caughtUpOnB(sse, 10); // read from the store: never relayed to B
      op.report(11, 'three');
      await caughtUpOnB(sse, 11); // live again
      await op.finish();
      const received = await sse.ended;
      expect(ids(received)).toEqual(['p1', 'p2', 'p3', 'p10', 'p11', 's12']);
    });

    it('an operation that ended meanwhile ends the stream once Redis is back', async () => {
      const op = await runOnA();
      const sse = await events(b, op.id);
      op.report(1, 'one');
      await caughtUpOnB(sse, 1);
      proxy.takeDown();
      op.report(2, 'one');
      await op.finish();
      proxy.bringUp();
      const received = await sse.ended;
      // p2 (the record's progress) may go or be coalesced away before the status, as in-process.
      expectInOrderOnce(received);
      expect(ids(received)[0]).toBe('p1');
      expect(ids(received).at(-1)).toBe('s3');
    });

    it('health on B says Redis is away (degraded, still serving), then up again', async () => {
      proxy.takeDown();
      const away = await request(b.url).get('/api/v1/health').expect(200);
      expect(away.body).toMatchObject({
        status: 'degraded',
        execution_mode: 'queued',
        components: { database: { status: 'up' }, redis: { status: 'degraded' } },
      });
      const op = await runOnA(); // the API keeps serving
      await request(b.url).get(`/api/v1/operations/${op.id}`).expect(200);
      proxy.bringUp();
      for (;;) {
        const back = await request(b.url).get('/api/v1/health');
        if (back.status === 200 && back.body.status === 'ok') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await op.finish();
    });
  });
});
