import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CancellationError } from '@ktrdr/async-infrastructure';
import type {
  CreateTrainingSessionRequest,
  TrainingEvent,
  TrainingSessionResult,
} from '@ktrdr/training-engine';
import { sampleJobResult } from '../training/testing/sample-outcome';
import { HostSessionError, HostSessionErrorCode } from './host-session.errors';
import { HostSessionManager } from './host-session.manager';
import { FakeTrainingHost } from './testing/fake-training-host';
import { TrainingAdapter } from './training-adapter';

const RESULT: Omit<TrainingSessionResult, 'artifacts'> = {
  ...sampleJobResult(),
  session_id: 's1',
  strategy_name: 'rsi_mlp',
  symbols: ['AAPL'],
  timeframes: ['1h'],
  epoch_history: [
    { epoch: 1, epochs: 2, train_loss: 1, val_loss: 1.1, train_accuracy: 0.4, val_accuracy: 0.4 },
    { epoch: 2, epochs: 2, train_loss: 0.9, val_loss: 1, train_accuracy: 0.5, val_accuracy: 0.45 },
  ],
};

const REQUEST: CreateTrainingSessionRequest = {
  strategy_yaml: 'name: rsi_mlp',
  symbols: ['AAPL'],
  timeframes: ['1h'],
  bars: [],
};

const at = new Date(0).toISOString();
const progress = (batch: number) => ({
  phase: 'training' as const,
  percentage: 50,
  epoch: 1,
  epochs: 2,
  batch,
  batches: 4,
  batch_loss: 0.7,
  batch_accuracy: 0.5,
});

describe('HostSessionManager against a real loopback host', () => {
  let host: FakeTrainingHost;
  let adapter: TrainingAdapter;
  let outputDir: string;
  let events: TrainingEvent[];

  beforeEach(async () => {
    host = new FakeTrainingHost(RESULT);
    adapter = new TrainingAdapter({ baseUrl: await host.start(), eventsIdleTimeoutMs: 2000 });
    outputDir = await mkdtemp(path.join(tmpdir(), 'ktrdr-host-session-'));
    events = [];
  });

  afterEach(async () => {
    adapter.close();
    await host.stop();
    await rm(outputDir, { recursive: true, force: true });
  });

  const manager = () => new HostSessionManager(adapter, { pollBaseMs: 10, pollMaxMs: 40 });
  const run = (signal = new AbortController().signal) =>
    manager().run({ request: REQUEST, signal, onEvent: (e) => events.push(e), outputDir });

  it('follows the SSE stream to completion, forwards events and fetches verified artifacts', async () => {
    host.status = 'completed';
    host.events = [
      { seq: 1, type: 'progress', at, progress: progress(1) },
      { seq: 2, type: 'epoch', at, metrics: RESULT.epoch_history[0]! },
      { seq: 3, type: 'status', at, status: 'completed', error: null },
    ];
    const { sessionId, result } = await run();
    expect(sessionId).toBe('s1');
    expect(result.test_metrics).toEqual(RESULT.test_metrics);
    expect(events.map((e) => e.type)).toEqual(['phase', 'batch', 'epoch', 'epoch']);
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([1, 2]);
    expect(await readFile(path.join(outputDir, 'model.json'), 'utf8')).toBe('{"m":1}');
    expect(host.requests).not.toContain('GET /training/sessions/s1'); // no polling needed
  });

  it('falls back to polling when the stream drops, and finishes from the polled status', async () => {
    host.eventsMode = 'drop-after-first';
    host.events = [{ seq: 1, type: 'progress', at, progress: progress(2) }];
    const done = run();
    while (!host.requests.includes('GET /training/sessions/s1')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    host.status = 'completed';
    await expect(done).resolves.toMatchObject({ sessionId: 's1' });
    expect(host.requests.filter((r) => r === 'GET /training/sessions/s1').length).toBeGreaterThan(
      0,
    );
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2); // from the result's history
  });

  it('a 404 for the session (host restarted) fails with HOST_SESSION_LOST', async () => {
    host.forgetSessions = true;
    const error = (await run().catch((e: unknown) => e)) as HostSessionError;
    expect(error).toBeInstanceOf(HostSessionError);
    expect(error.code).toBe(HostSessionErrorCode.HOST_SESSION_LOST);
  });

  it('an unreachable host at start fails with HOST_UNAVAILABLE', async () => {
    const closed = new TrainingAdapter({ baseUrl: 'http://127.0.0.1:9' });
    try {
      const error = (await new HostSessionManager(closed)
        .run({
          request: REQUEST,
          signal: new AbortController().signal,
          onEvent: () => undefined,
          outputDir,
        })
        .catch((e: unknown) => e)) as HostSessionError;
      expect(error.code).toBe(HostSessionErrorCode.HOST_UNAVAILABLE);
    } finally {
      closed.close();
    }
  });

  it('a session that failed on the host fails with its code', async () => {
    host.status = 'failed';
    host.eventsMode = 'refuse';
    const error = (await run().catch((e: unknown) => e)) as HostSessionError;
    expect(error.code).toBe(HostSessionErrorCode.HOST_TRAINING_FAILED);
    expect(error.message).toMatch(/NO_TRAINING_DATA: too short/);
  });

  it('a cancel stops the session on the host and rejects with a CancellationError', async () => {
    host.holdStream = true;
    host.events = [{ seq: 1, type: 'progress', at, progress: progress(1) }];
    const controller = new AbortController();
    const done = run(controller.signal);
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new CancellationError('user'));
    await expect(done).rejects.toBeInstanceOf(CancellationError);
    expect(host.requests).toContain('POST /training/sessions/s1/stop');
  });

  it('an artifact whose sha256 does not match fails with ARTIFACT_CHECKSUM_MISMATCH', async () => {
    host.status = 'completed';
    host.corrupt = 'model.json';
    host.events = [{ seq: 1, type: 'status', at, status: 'completed', error: null }];
    const error = (await run().catch((e: unknown) => e)) as HostSessionError;
    expect(error.code).toBe(HostSessionErrorCode.ARTIFACT_CHECKSUM_MISMATCH);
  });
});
