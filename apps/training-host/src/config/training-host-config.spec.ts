import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTrainingHostConfig, TrainingHostConfigError } from './training-host-config';

describe('loadTrainingHostConfig', () => {
  it('defaults to 127.0.0.1:8002, one session, 30 min TTL, auto backend', () => {
    expect(loadTrainingHostConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8002,
      apiKey: undefined,
      maxSessions: 1,
      sessionTtlMs: 1_800_000,
      workDir: path.join(tmpdir(), 'ktrdr-training-host'),
      maxBodyMb: 200,
      stopTimeoutMs: 5000,
      workerMaxMemoryMb: undefined,
      backend: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      loadTrainingHostConfig({
        HOST: '0.0.0.0',
        TRAINING_HOST_PORT: '9000',
        TRAINING_HOST_API_KEY: 'a-long-enough-host-key',
        TRAINING_HOST_MAX_SESSIONS: '3',
        TRAINING_HOST_SESSION_TTL_MS: '60000',
        TRAINING_HOST_WORK_DIR: 'work',
        TRAINING_HOST_MAX_BODY_MB: '50',
        TRAINING_HOST_STOP_TIMEOUT_MS: '100',
        TRAINING_HOST_WORKER_MAX_MEMORY_MB: '2048',
        TFJS_BACKEND: 'tensorflow-gpu',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9000,
      apiKey: 'a-long-enough-host-key',
      maxSessions: 3,
      sessionTtlMs: 60_000,
      workDir: path.resolve('work'),
      maxBodyMb: 50,
      stopTimeoutMs: 100,
      workerMaxMemoryMb: 2048,
      backend: 'tensorflow-gpu',
    });
  });

  it('requires an API key when listening beyond loopback', () => {
    expect(() => loadTrainingHostConfig({ HOST: '0.0.0.0' })).toThrow(
      /TRAINING_HOST_API_KEY is required when HOST \(0\.0\.0\.0\)/,
    );
    expect(loadTrainingHostConfig({ HOST: '::1' }).apiKey).toBeUndefined();
  });

  it('refuses a key shorter than 16 characters, on any HOST', () => {
    expect(() => loadTrainingHostConfig({ TRAINING_HOST_API_KEY: 'k' })).toThrow(
      /TRAINING_HOST_API_KEY must be at least 16 characters long/,
    );
  });

  it('lists every bad value in one error', () => {
    let error: unknown;
    try {
      loadTrainingHostConfig({
        TRAINING_HOST_PORT: '70000',
        TRAINING_HOST_MAX_SESSIONS: '0',
        TRAINING_HOST_SESSION_TTL_MS: 'soon',
        TRAINING_HOST_MAX_BODY_MB: '-1',
        TFJS_BACKEND: 'cuda',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingHostConfigError);
    expect((error as TrainingHostConfigError).problems).toEqual([
      expect.stringMatching(/^TRAINING_HOST_PORT must be an integer from 0 to 65535/),
      expect.stringMatching(/^TFJS_BACKEND must be one of tensorflow-gpu, tensorflow, wasm, cpu/),
      expect.stringMatching(/^TRAINING_HOST_MAX_SESSIONS must be an integer from 1 to 64/),
      expect.stringMatching(/^TRAINING_HOST_SESSION_TTL_MS must be an integer/),
      expect.stringMatching(/^TRAINING_HOST_MAX_BODY_MB must be an integer/),
    ]);
  });
});
