import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import type {
  TrainingSessionEvent,
  TrainingSessionInfo,
  TrainingSessionResult,
} from '@ktrdr/training-engine';
import { openSse, payloadOf, type SseStream } from '../../../../test/support/sse-stream';
import { sessionRequest, TEST_STRATEGY_NAME } from '../testing/session-request.fixture';
import { startTrainingHost, type TrainingHostTestApp } from '../testing/training-host-test-app';

jest.setTimeout(120_000);

/** Real app, real worker threads, tiny model on synthetic bars. */
describe('/training/sessions', () => {
  let host: TrainingHostTestApp;

  beforeAll(async () => {
    host = await startTrainingHost({ TRAINING_HOST_STOP_TIMEOUT_MS: '30000' });
  });
  afterAll(() => host.close());

  const events = (id: string, lastEventId?: number): Promise<SseStream> =>
    openSse(
      `${host.url}/training/sessions/${id}/events`,
      lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) },
    );

  async function postGzip(
    json: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${host.url}/training/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(json),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('trains a session from a gzip body: events, result, manifest and artifacts', async () => {
    // supertest re-encodes Buffer bodies: fetch sends the gzip bytes as they are.
    const created = await postGzip(JSON.stringify(sessionRequest({ epochs: 2 })));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ session_id: expect.any(String), status: 'starting' });
    const id = created.body.session_id as string;

    const stream = await events(id);
    const received = (await stream.ended).map((e) => payloadOf<TrainingSessionEvent>(e));
    const last = received.at(-1)!;
    expect(last).toMatchObject({ type: 'status', status: 'completed', error: null });
    const epochs = received.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.type === 'epoch' && e.metrics.epoch)).toEqual([1, 2]);
    const seqs = received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(stream.events.map((e) => Number(e.id))).toEqual(seqs);
    const progress = received.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ progress: { phase: 'finished', percentage: 100 } });

    const info = (await request(host.url).get(`/training/sessions/${id}`).expect(200))
      .body as TrainingSessionInfo;
    expect(info).toMatchObject({
      session_id: id,
      status: 'completed',
      strategy_name: TEST_STRATEGY_NAME,
      symbols: ['AAPL'],
      timeframes: ['1h'],
      stop_requested: false,
      epochs_completed: 2,
      latest_metrics: { epoch: 2, epochs: 2 },
      resource_usage: { backend: expect.any(String), gpu_used: false },
      error: null,
    });
    expect(info.resource_usage.peak_memory_mb).toBeGreaterThan(0);

    const result = (await request(host.url).get(`/training/sessions/${id}/result`).expect(200))
      .body as TrainingSessionResult;
    expect(result).toMatchObject({
      session_id: id,
      strategy_name: TEST_STRATEGY_NAME,
      training_metrics: { epochs_completed: 2 },
      test_metrics: { accuracy: expect.any(Number), confusion_matrix: expect.any(Array) },
      seed: 42,
    });
    expect(result.epoch_history).toHaveLength(2);
    expect(result.artifacts.map((a) => a.file).sort()).toEqual([...result.files].sort());
    for (const artifact of result.artifacts) {
      const file = await request(host.url)
        .get(`/training/sessions/${id}/artifacts/${encodeURIComponent(artifact.file)}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const bytes = file.body as Buffer;
      expect(bytes.length).toBe(artifact.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256);
      expect(file.headers['x-content-sha256']).toBe(artifact.sha256);
    }

    // Resuming after an epoch event replays only what followed it.
    const cut = epochs[0]!.seq;
    const resumed = (await (await events(id, cut)).ended).map((e) =>
      payloadOf<TrainingSessionEvent>(e),
    );
    expect(resumed[0]!.seq).toBeGreaterThan(cut);
    expect(resumed.filter((e) => e.type === 'epoch')).toHaveLength(1);
    expect(resumed.at(-1)).toMatchObject({ type: 'status', status: 'completed' });

    await request(host.url).post(`/training/sessions/${id}/stop`).expect(409);
    const health = await request(host.url).get('/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      service: 'training-host',
      backend: 'auto',
      last_backend: result.backend,
      active_sessions: 0,
      max_sessions: 1,
      sessions_completed: 1,
    });
  });

  it('stops mid-training at the next batch; a second session meanwhile gets 429', async () => {
    const before = (await request(host.url).get('/health')).body as Record<string, number>;
    const created = await request(host.url)
      .post('/training/sessions')
      .send(sessionRequest({ epochs: 500 }))
      .expect(201);
    const id = created.body.session_id as string;
    const stream = await events(id);
    await stream.waitFor((e) => e.event === 'epoch');

    const refused = await request(host.url)
      .post('/training/sessions')
      .send(sessionRequest({ epochs: 1 }))
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_SESSIONS', details: { max_sessions: 1 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    const stopped = await request(host.url).post(`/training/sessions/${id}/stop`).expect(200);
    expect(stopped.body).toEqual({ session_id: id, status: 'stopped', stop_requested: true });
    const final = payloadOf<TrainingSessionEvent>((await stream.ended).at(-1)!);
    expect(final).toMatchObject({ type: 'status', status: 'stopped' });

    const info = (await request(host.url).get(`/training/sessions/${id}`).expect(200))
      .body as TrainingSessionInfo;
    expect(info).toMatchObject({ status: 'stopped', stop_requested: true });
    expect(info.epochs_completed).toBeGreaterThanOrEqual(1);
    expect(info.epochs_completed).toBeLessThan(500);
    await request(host.url).get(`/training/sessions/${id}/result`).expect(409);
    await request(host.url).get(`/training/sessions/${id}/artifacts/model.json`).expect(409);
    await request(host.url).post(`/training/sessions/${id}/stop`).expect(409);
    const after = (await request(host.url).get('/health')).body as Record<string, number>;
    expect(after.sessions_stopped).toBe(before.sessions_stopped! + 1);
    expect(after.sessions_started).toBe(before.sessions_started! + 1);
  });

  describe('errors', () => {
    it('answers 404 for an unknown session on every route', async () => {
      const id = '00000000-0000-0000-0000-000000000000';
      for (const [method, route] of [
        ['get', ''],
        ['get', '/events'],
        ['post', '/stop'],
        ['get', '/result'],
        ['get', '/artifacts/model.json'],
      ] as const) {
        const res = await request(host.url)[method](`/training/sessions/${id}${route}`).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'SESSION_NOT_FOUND' });
      }
    });

    it('answers 400 for bad fields and bars, 422 with every strategy problem', async () => {
      const good = sessionRequest();
      const fields = await request(host.url)
        .post('/training/sessions')
        .send({ ...good, symbols: [], timeframes: ['2h'], seed: -1, extra: 1 })
        .expect(400);
      expect(fields.body.code).toBe('VALIDATION_FAILED');
      expect(fields.body.message).toEqual([
        'property extra should not exist',
        'symbols should not be empty',
        expect.stringMatching(/^each value in timeframes must be one of 1m, 5m/),
        'seed must not be less than 0',
      ]);

      const bars = await request(host.url)
        .post('/training/sessions')
        .send({ ...good, bars: [{ ...good.bars[0], c: [1] }] })
        .expect(400);
      expect(bars.body).toMatchObject({
        code: 'INVALID_BARS',
        details: {
          problems: [{ path: 'bars[0].c', message: expect.stringMatching(/has 1 values/) }],
        },
      });

      const strategy = await request(host.url)
        .post('/training/sessions')
        .send({
          ...good,
          strategy_yaml: good.strategy_yaml
            .replace('period: 14', 'period: 1')
            .replace('epochs: 2', 'epochs: 0'),
        })
        .expect(422);
      expect(strategy.body).toMatchObject({ statusCode: 422, code: 'INVALID_STRATEGY' });
      expect(strategy.body.details.problems).toEqual(
        expect.arrayContaining([
          { path: 'indicators[0].period', message: expect.any(String) },
          { path: 'model.training.epochs', message: expect.any(String) },
        ]),
      );

      const notObject = await request(host.url)
        .post('/training/sessions')
        .set('content-type', 'application/json')
        .send('[1]')
        .expect(400);
      expect(notObject.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: ['request body must be a JSON object'],
      });
      const badJson = await postGzip('{"strategy_yaml": ');
      expect(badJson).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    });

    it('refuses path-escaping artifact names and a bad Last-Event-ID', async () => {
      const created = await request(host.url)
        .post('/training/sessions')
        .send(sessionRequest({ epochs: 1 }));
      const id = created.body.session_id as string;
      await (
        await events(id)
      ).ended;
      for (const name of ['..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'a%5C..%5Cb']) {
        const res = await request(host.url)
          .get(`/training/sessions/${id}/artifacts/${name}`)
          .expect(400);
        expect(res.body.code).toBe('INVALID_ARTIFACT_NAME');
      }
      await request(host.url).get(`/training/sessions/${id}/artifacts/%2E%2E`).expect(400);
      const missing = await request(host.url)
        .get(`/training/sessions/${id}/artifacts/nope.bin`)
        .expect(404);
      expect(missing.body.code).toBe('ARTIFACT_NOT_FOUND');
      const badId = await request(host.url)
        .get(`/training/sessions/${id}/events`)
        .set('last-event-id', 'abc')
        .expect(400);
      expect(badId.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: [expect.stringMatching(/^Last-Event-ID must be an event seq/)],
      });
    });
  });
});

describe('/training/sessions with an API key and a 1 MB body limit', () => {
  let host: TrainingHostTestApp;

  beforeAll(async () => {
    host = await startTrainingHost({
      TRAINING_HOST_API_KEY: 'training-host-k3y-0001',
      TRAINING_HOST_MAX_BODY_MB: '1',
    });
  });
  afterAll(() => host.close());

  it('needs the key everywhere but /health', async () => {
    await request(host.url).get('/health').expect(200);
    const denied = await request(host.url).get('/training/sessions/x').expect(401);
    expect(denied.body.code).toBe('UNAUTHORIZED');
    await request(host.url)
      .get('/training/sessions/x')
      .set('x-api-key', 'training-host-k3y-0001')
      .expect(404);
  });

  it('answers 413 past the body limit, counted after gzip inflation', async () => {
    const big = JSON.stringify(
      sessionRequest({
        end: '2024-12-31T00:00:00Z',
        timeframes: ['5m'],
        symbols: ['AAPL', 'MSFT'],
      }),
    );
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await fetch(`${host.url}/training/sessions`, {
      method: 'POST',
      headers: {
        'x-api-key': 'training-host-k3y-0001',
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: gzipSync(big),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
