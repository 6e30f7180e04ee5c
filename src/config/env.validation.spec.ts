import path from 'node:path';
import { Test } from '@nestjs/testing';
import { AppConfig } from './app-config';
import { AppConfigModule } from './app-config.module';
import { EnvValidationError, validateEnv } from './env.validation';

function problemsOf(raw: Record<string, string>): readonly string[] {
  try {
    validateEnv(raw);
  } catch (error) {
    if (error instanceof EnvValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('validateEnv', () => {
  it('fills in every default from an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 8000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      MODELS_DIR: './models',
      STRATEGIES_DIR: './strategies',
      DATABASE_URL: path.join('./data', 'ktrdr.sqlite'),
      SHUTDOWN_GRACE_MS: 10000,
      USE_IB_HOST_SERVICE: false,
      USE_TRAINING_HOST_SERVICE: false,
    });
    expect(env.API_KEY).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('converts numbers and booleans, derives DATABASE_URL from DATA_DIR, treats "" as unset', () => {
    const env = validateEnv({
      PORT: '0',
      DATA_DIR: '/tmp/ktrdr-x',
      SHUTDOWN_GRACE_MS: '250',
      USE_IB_HOST_SERVICE: 'TRUE',
      IB_HOST_SERVICE_URL: 'http://localhost:5001',
      USE_TRAINING_HOST_SERVICE: 'false',
      API_KEY: '',
      UNRELATED: 'ignored',
    });
    expect(env.PORT).toBe(0);
    expect(env.SHUTDOWN_GRACE_MS).toBe(250);
    expect(env.USE_IB_HOST_SERVICE).toBe(true);
    expect(env.USE_TRAINING_HOST_SERVICE).toBe(false);
    expect(env.DATABASE_URL).toBe('/tmp/ktrdr-x/ktrdr.sqlite');
    expect(env.API_KEY).toBeUndefined();
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must not be greater than 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must not be less than 0 (got "-1")'],
    [{ SHUTDOWN_GRACE_MS: '1.5' }, 'SHUTDOWN_GRACE_MS must be an integer number (got "1.5")'],
    [{ USE_IB_HOST_SERVICE: 'yes' }, 'USE_IB_HOST_SERVICE must be "true" or "false" (got "yes")'],
    [
      { DATABASE_URL: 'mysql://db/x' },
      'DATABASE_URL must be a file path, sqlite:<path> or a postgres:// URL',
    ],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
  ])('rejects %j with a message naming the variable', (raw, message) => {
    expect(problemsOf(raw)).toEqual([message]);
  });

  it('requires API_KEY when HOST is not a loopback address, without echoing secrets', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
      'API_KEY is required when HOST (0.0.0.0) is not a loopback address',
    ]);
    expect(validateEnv({ HOST: '0.0.0.0', API_KEY: 's3cret-of-16-chars' }).API_KEY).toBe(
      's3cret-of-16-chars',
    );
    expect(validateEnv({ HOST: 'localhost' }).API_KEY).toBeUndefined();
  });

  it.each([
    [{ HOST: '0.0.0.0', API_KEY: 'k' }],
    [{ HOST: '0.0.0.0', API_KEY: '123456789012345' }],
    [{ API_KEY: 'short' }],
  ])('refuses an API_KEY under 16 characters (%j), without echoing it', (raw) => {
    expect(problemsOf(raw)).toEqual(['API_KEY must be at least 16 characters long']);
  });

  it('requires an http(s) URL for a host service that is switched on', () => {
    expect(problemsOf({ USE_TRAINING_HOST_SERVICE: 'true' })).toEqual([
      'TRAINING_HOST_SERVICE_URL must be an http(s) URL (required when USE_TRAINING_HOST_SERVICE is true)',
    ]);
    expect(problemsOf({ IB_HOST_SERVICE_URL: 'ftp://gateway' })[0]).toMatch(
      /^IB_HOST_SERVICE_URL must be an http\(s\) URL/,
    );
  });

  it('lists every problem at once in one readable message', () => {
    let caught: unknown;
    try {
      validateEnv({ PORT: 'x', HOST: '10.0.0.5', SHUTDOWN_GRACE_MS: '-5' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvValidationError);
    const message = (caught as Error).message;
    expect(message.split('\n')).toEqual([
      'Invalid environment configuration:',
      '  - PORT must be an integer number (got "x")',
      '  - API_KEY is required when HOST (10.0.0.5) is not a loopback address',
      '  - SHUTDOWN_GRACE_MS must not be less than 0 (got "-5")',
    ]);
  });
});

describe('AppConfig', () => {
  it('exposes typed values, absolute paths and a printable database location', () => {
    const config = AppConfig.fromEnv({
      DATA_DIR: 'rel/data',
      DATABASE_URL: 'postgres://user:pw@db:5432/ktrdr',
      USE_IB_HOST_SERVICE: 'true',
      IB_HOST_SERVICE_URL: 'http://gw:5001',
    });
    expect(config.dataDir).toBe(path.resolve('rel/data'));
    expect(config.databaseKind).toBe('postgres');
    expect(config.databaseLocation).toBe('postgres postgres://user:***@db:5432/ktrdr');
    expect(config.ibHostService).toEqual({ enabled: true, url: 'http://gw:5001' });
    expect(config.trainingHostService).toEqual({ enabled: false, url: null });
    expect(config.apiKey).toBeNull();
  });

  it('resolves a sqlite: URL to an absolute file path', () => {
    const config = AppConfig.fromEnv({ DATABASE_URL: 'sqlite:db/ops.sqlite' });
    expect(config.databaseUrl).toBe(path.resolve('db/ops.sqlite'));
    expect(config.databaseLocation).toBe(`sqlite ${path.resolve('db/ops.sqlite')}`);
  });

  describe('AppConfigModule', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('provides the config validated from process.env', async () => {
      process.env = { PATH: saved.PATH, PORT: '1234', API_KEY: 'key-of-16-chars!' };
      const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule] }).compile();
      const config = moduleRef.get(AppConfig);
      expect(config.port).toBe(1234);
      expect(config.apiKey).toBe('key-of-16-chars!');
      expect(config.shutdownGraceMs).toBe(10000);
    });

    it('refuses an invalid process.env with the one readable error', async () => {
      process.env = { PATH: saved.PATH, PORT: 'eighty' };
      await expect(
        Test.createTestingModule({ imports: [AppConfigModule] }).compile(),
      ).rejects.toThrow(EnvValidationError);
    });
  });

  it('masks the password of a postgres URL even when it cannot be parsed fully', () => {
    const config = AppConfig.fromEnv({ DATABASE_URL: 'postgresql://u:p@[bad/x' });
    expect(config.databaseLocation).toBe('postgres postgres://(unparsable URL)');
  });
});

describe('queued execution settings', () => {
  const queued = {
    EXECUTION_MODE: 'queued',
    REDIS_URL: 'redis://127.0.0.1:6379',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  };

  it('defaults to in-process, prefix ktrdr and the default concurrency', () => {
    const config = AppConfig.fromEnv({});
    expect(config.executionMode).toBe('in-process');
    expect(config.queuedExecution('api')).toBeUndefined();
    expect(config.redisPrefix).toBe('ktrdr');
    expect(config.workerConcurrency).toEqual({ data_load: 4, training: 1, dummy: 50 });
    expect(config.workerId).toMatch(new RegExp(`:${process.pid}$`));
  });

  it('gives OperationsModule its queued options for a role', () => {
    const config = AppConfig.fromEnv({
      ...queued,
      REDIS_PREFIX: 't_1',
      WORKER_CONCURRENCY: 'dummy=3',
      WORKER_ID: 'w-1',
    });
    expect(config.queuedExecution('worker')).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 't_1',
      workerId: 'w-1',
      role: 'worker',
      concurrency: { dummy: 3 },
    });
  });

  it('refuses queued mode without REDIS_URL or with a SQLite database, in one message', () => {
    expect(problemsOf({ EXECUTION_MODE: 'queued' })).toEqual([
      'REDIS_URL is required when EXECUTION_MODE is queued',
      'DATABASE_URL must be a postgres:// URL when EXECUTION_MODE is queued (API and worker processes share one registry; a SQLite file cannot be shared)',
    ]);
    expect(problemsOf({ ...queued, DATABASE_URL: 'sqlite:data/x.sqlite' })).toHaveLength(1);
  });

  it.each([
    [{ EXECUTION_MODE: 'bull' }, 'EXECUTION_MODE must be one of in-process, queued (got "bull")'],
    [
      { REDIS_PREFIX: 'a:b' },
      'REDIS_PREFIX must be letters, digits, _ . - (at most 64, no colon) (got "a:b")',
    ],
    [
      { WORKER_CONCURRENCY: 'dummy=0' },
      'WORKER_CONCURRENCY gives "dummy" the count "0", not an integer from 1 to 1000 (expected type=n,type=n, e.g. data_load=4,training=1,dummy=50) (got "dummy=0")',
    ],
  ])('rejects %j', (raw, message) => {
    expect(problemsOf(raw)).toEqual([message]);
  });
});

describe('one problem per variable, the type check first', () => {
  it.each([
    ['SYNTHETIC_LATENCY_MS', 'SYNTHETIC_LATENCY_MS must be an integer number (got "slow")'],
    ['IB_PORT', 'IB_PORT must be an integer number (got "slow")'],
    ['IB_CLIENT_ID', 'IB_CLIENT_ID must be an integer number (got "slow")'],
  ])('%s', (key, message) => {
    expect(problemsOf({ [key]: 'slow' })).toEqual([message]);
  });
});
