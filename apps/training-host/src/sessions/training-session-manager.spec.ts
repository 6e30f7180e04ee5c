import { once, EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConsoleLogger, Logger } from '@nestjs/common';
import {
  TrainingCancelledError,
  TrainingWorkerError,
  type RunTrainingOptions,
  type TrainingJobRequest,
  type TrainingJobResult,
} from '@ktrdr/training-engine';
import { loadTrainingHostConfig } from '../config/training-host-config';
import type { TrainingRunner } from '../training-host.constants';
import { TrainingSessionManager } from './training-session-manager';
import type { TrainingSessionSpec } from './training-session';

/** A job the test finishes by hand; it rejects cancelled on abort unless `ignoreStop`. */
interface FakeJob {
  request: TrainingJobRequest;
  options: RunTrainingOptions;
  complete: (files?: string[]) => Promise<void>;
  fail: (error: Error) => void;
}

/**
 * A runner whose jobs the test drives; `job(session)` resolves once that session's job has
 * started (sessions reach the runner in no set order: each first creates its folder).
 */
function fakeRunner(opts: { ignoreStop?: boolean } = {}): {
  runner: TrainingRunner;
  job: (session: { outputDir: string }) => Promise<FakeJob>;
} {
  const jobs = new Map<string, FakeJob>();
  const started = new EventEmitter();
  const runner: TrainingRunner = (request, options) =>
    new Promise<TrainingJobResult>((resolve, reject) => {
      if (!opts.ignoreStop) {
        options.signal.addEventListener('abort', () => reject(new TrainingCancelledError([])));
      }
      jobs.set(request.outputDir, {
        request,
        options,
        fail: reject,
        complete: async (files = ['model.json']) => {
          await writeFile(path.join(request.outputDir, 'model.json'), '{}');
          resolve({ files, peak_memory_mb: 12 } as TrainingJobResult);
        },
      });
      started.emit('job');
    });
  const job = async ({ outputDir }: { outputDir: string }): Promise<FakeJob> => {
    while (!jobs.has(outputDir)) await once(started, 'job');
    return jobs.get(outputDir)!;
  };
  return { runner, job };
}

const spec = {
  strategy: { name: 's' },
  symbols: ['AAPL'],
  timeframes: ['1h'],
  series: [],
} as unknown as TrainingSessionSpec;

describe('TrainingSessionManager', () => {
  let workDir: string;
  let manager: TrainingSessionManager;

  async function create(
    env: Record<string, string>,
    runner: TrainingRunner,
  ): Promise<TrainingSessionManager> {
    manager = new TrainingSessionManager(
      loadTrainingHostConfig({ TRAINING_HOST_WORK_DIR: workDir, ...env }),
      runner,
    );
    await manager.onModuleInit();
    return manager;
  }

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
  });
  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'ktrdr-th-manager-'));
  });
  afterEach(async () => {
    await manager?.beforeApplicationShutdown();
    await manager?.onApplicationShutdown();
    await rm(workDir, { recursive: true, force: true });
  });

  it('refuses a session over the limit with 429 and a Retry-After, then accepts again', async () => {
    const { runner, job } = fakeRunner();
    await create({ TRAINING_HOST_MAX_SESSIONS: '2' }, runner);
    const a = manager.start(spec);
    manager.start(spec);
    expect(() => manager.start(spec)).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_SESSIONS', retryAfterSeconds: 30 }),
    );
    await (await job(a)).complete();
    await a.run();
    expect(a.status).toBe('completed');
    expect(manager.start(spec).status).toBe('starting');
    expect(manager.snapshot()).toMatchObject({
      active_sessions: 2,
      sessions_kept: 1,
      sessions_started: 3,
      sessions_completed: 1,
    });
  });

  it('counts completed, failed and stopped sessions', async () => {
    const { runner, job } = fakeRunner();
    await create({ TRAINING_HOST_MAX_SESSIONS: '3' }, runner);
    const [a, b, c] = [manager.start(spec), manager.start(spec), manager.start(spec)];
    await (await job(a)).complete();
    (await job(b)).fail(new TrainingWorkerError('worker ran out of memory'));
    await job(c);
    await expect(manager.stop(c.id)).resolves.toMatchObject({ acknowledged: true });
    await Promise.all([a.run(), b.run()]);
    expect([a.status, b.status, c.status]).toEqual(['completed', 'failed', 'stopped']);
    expect(b.info().error).toEqual({
      code: 'TRAINING_WORKER_FAILED',
      message: 'worker ran out of memory',
    });
    expect(manager.snapshot()).toMatchObject({
      sessions_started: 3,
      sessions_completed: 1,
      sessions_failed: 1,
      sessions_stopped: 1,
    });
    await expect(manager.stop(a.id)).rejects.toMatchObject({
      code: 'SESSION_FINISHED',
    });
  });

  it('fails a session whose reported artifacts are missing', async () => {
    const { runner, job } = fakeRunner();
    await create({}, runner);
    const session = manager.start(spec);
    await (await job(session)).complete(['model.json', 'weights.bin']);
    await session.run();
    expect(session.info()).toMatchObject({
      status: 'failed',
      error: { code: 'ARTIFACTS_INVALID', message: expect.stringMatching(/weights\.bin/) },
    });
    expect(session.result()).toBeUndefined();
  });

  it('answers a stop the worker does not acknowledge in time as not acknowledged', async () => {
    const { runner, job } = fakeRunner({ ignoreStop: true });
    await create({ TRAINING_HOST_STOP_TIMEOUT_MS: '20' }, runner);
    const session = manager.start(spec);
    const fake = await job(session);
    await expect(manager.stop(session.id)).resolves.toMatchObject({ acknowledged: false });
    expect(session.info()).toMatchObject({ status: 'starting', stop_requested: true });
    expect(fake.options.signal.aborted).toBe(true);
    fake.fail(new TrainingCancelledError([]));
    await session.run();
    expect(session.status).toBe('stopped');
  });

  it('forgets a finished session and removes its files after the TTL', async () => {
    const { runner, job } = fakeRunner();
    await create({ TRAINING_HOST_SESSION_TTL_MS: '1000' }, runner);
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const session = manager.start(spec);
      await (await job(session)).complete();
      await session.run();
      expect(existsSync(path.join(session.outputDir, 'model.json'))).toBe(true);
      const expire = jest.spyOn(manager, 'expire');
      jest.advanceTimersByTime(999);
      expect(manager.get(session.id)).toBe(session);
      jest.advanceTimersByTime(1);
      expect(expire).toHaveBeenCalledWith(session.id);
      expect(() => manager.get(session.id)).toThrow(
        expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
      );
      await expire.mock.results[0]!.value;
      expect(existsSync(session.outputDir)).toBe(false);
      expect(manager.snapshot()).toMatchObject({ sessions_kept: 0, sessions_completed: 1 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('on shutdown refuses new sessions, stops running ones and removes its folder', async () => {
    const { runner, job } = fakeRunner();
    await create({}, runner);
    const session = manager.start(spec);
    await job(session);
    await manager.beforeApplicationShutdown();
    expect(session.status).toBe('stopped');
    expect(() => manager.start(spec)).toThrow(expect.objectContaining({ code: 'SHUTTING_DOWN' }));
    await manager.onApplicationShutdown();
    expect(existsSync(path.dirname(session.outputDir))).toBe(false);
  });
});
