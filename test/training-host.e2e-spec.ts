import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type {
  TrainingSessionEvent,
  TrainingSessionInfo,
  TrainingSessionResult,
} from '@ktrdr/training-engine';
import { sessionRequest } from '../apps/training-host/src/testing/session-request.fixture';
import { openSse, payloadOf } from './support/sse-stream';
import { spawnTrainingHost, type TrainingHostProcess } from './support/training-host-process';

jest.setTimeout(120_000);

/** The built training host as a real process, over real HTTP with an API key. */
describe('training host process', () => {
  let host: TrainingHostProcess;
  const key = { 'x-api-key': 'training-host-e2e-key' };

  beforeAll(async () => {
    host = await spawnTrainingHost({ TRAINING_HOST_API_KEY: 'training-host-e2e-key' });
  });
  afterAll(async () => {
    await host.cleanup();
  });

  const getJson = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${host.url}${path}`, { headers: key });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('runs one session end to end and exits 0 on SIGTERM, removing its files', async () => {
    const health = await fetch(`${host.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      service: 'training-host',
      max_sessions: 1,
    });

    const created = await fetch(`${host.url}/training/sessions`, {
      method: 'POST',
      headers: { ...key, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(sessionRequest({ epochs: 2, symbols: ['AAPL', 'MSFT'] }))),
    });
    expect(created.status).toBe(201);
    const { session_id: id } = (await created.json()) as { session_id: string };

    const stream = await openSse(`${host.url}/training/sessions/${id}/events`, key);
    expect(stream.status).toBe(200);
    const events = (await stream.ended).map((e) => payloadOf<TrainingSessionEvent>(e));
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'completed' });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);

    const info = await getJson<TrainingSessionInfo>(`/training/sessions/${id}`);
    expect(info).toMatchObject({
      status: 'completed',
      symbols: ['AAPL', 'MSFT'],
      epochs_completed: 2,
    });
    const result = await getJson<TrainingSessionResult>(`/training/sessions/${id}/result`);
    expect(result.artifacts.length).toBeGreaterThan(0);
    for (const artifact of result.artifacts) {
      const res = await fetch(
        `${host.url}/training/sessions/${id}/artifacts/${encodeURIComponent(artifact.file)}`,
        { headers: key },
      );
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256);
    }
    expect(readdirSync(host.workDir)).toHaveLength(1); // this process's run-<pid>-* folder

    // The fetch client keeps idle keep-alive sockets: they must not hold the exit for 65 s.
    const stopping = Date.now();
    await expect(host.stop('SIGTERM')).resolves.toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(readdirSync(host.workDir)).toEqual([]);
  });

  it('stops a running session on SIGTERM and exits 0', async () => {
    const busy = await spawnTrainingHost();
    try {
      const created = await fetch(`${busy.url}/training/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sessionRequest({ epochs: 500 })),
      });
      expect(created.status).toBe(201);
      const { session_id: id } = (await created.json()) as { session_id: string };
      const stream = await openSse(`${busy.url}/training/sessions/${id}/events`);
      await stream.waitFor((e) => e.event === 'epoch');
      const started = Date.now();
      await expect(busy.stop('SIGTERM')).resolves.toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      const last = payloadOf<TrainingSessionEvent>((await stream.ended).at(-1)!);
      expect(last).toMatchObject({ type: 'status', status: 'stopped' });
      expect(readdirSync(busy.workDir)).toEqual([]);
    } finally {
      await busy.cleanup();
    }
  });
});
