import { Transform, type TransformFnParams } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { API_KEY_MIN_LENGTH, isLoopbackAddress } from '@ktrdr/http-kit';
import {
  DEFAULT_WORKER_CONCURRENCY,
  WorkerConcurrencyError,
  parseWorkerConcurrency,
} from '@ktrdr/operations';

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** A string of digits becomes a number; anything else is left as is for @IsInt to reject. */
function toInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** Only 'true' / 'false' (any case) are booleans; anything else is left for @IsBoolean to reject. */
function toBoolean({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return value;
}

/** What is wrong with a WORKER_CONCURRENCY value, or null. */
function concurrencyProblem(value: string): string | null {
  try {
    parseWorkerConcurrency(value);
    return null;
  } catch (error) {
    if (error instanceof WorkerConcurrencyError) return error.message;
    throw error;
  }
}

/**
 * Note on order: with `stopAtFirstError`, class-validator runs a property's decorators bottom-up,
 * so the most basic check (type) sits at the bottom and reports first.
 *
 * The process environment the API reads (ARCHITECTURE.md, "Configuration"), with its defaults.
 * Validated once at boot by `validateEnv`; the app reads it through `AppConfig`.
 */
export class EnvironmentVariables {
  /** 0 asks the OS for an ephemeral port. */
  @Max(65535)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  PORT: number = 8000;

  @IsNotEmpty()
  @IsString()
  HOST: string = '127.0.0.1';

  @IsNotEmpty()
  @IsString()
  DATA_DIR: string = './data';

  @IsNotEmpty()
  @IsString()
  MODELS_DIR: string = './models';

  /** Strategy files, `{name}.yaml`. */
  @IsNotEmpty()
  @IsString()
  STRATEGIES_DIR: string = './strategies';

  /** A file path (optionally `sqlite:`-prefixed) or a `postgres://` URL; defaults inside DATA_DIR. */
  @IsOptional()
  @Matches(/^(?![a-z][a-z0-9+.-]*:\/\/)|^postgres(ql)?:\/\//i, {
    message: '$property must be a file path, sqlite:<path> or a postgres:// URL',
  })
  @IsString()
  DATABASE_URL?: string;

  /** `in-process` (default) or `queued` (Bull on Redis, PostgreSQL registry, worker processes). */
  @IsIn(['in-process', 'queued'], { message: '$property must be one of in-process, queued' })
  EXECUTION_MODE: 'in-process' | 'queued' = 'in-process';

  /** The queues and the cancel channel; required when EXECUTION_MODE is queued. */
  @ValidateIf(
    (env: EnvironmentVariables) => env.EXECUTION_MODE === 'queued' || env.REDIS_URL !== undefined,
  )
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false },
    { message: '$property must be a redis:// or rediss:// URL' },
  )
  @IsNotEmpty({ message: '$property is required when EXECUTION_MODE is queued' })
  REDIS_URL?: string;

  /** Every Redis key and channel of this deployment starts with `<prefix>:`. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    message: '$property must be letters, digits, _ . - (at most 64, no colon)',
  })
  @IsString()
  REDIS_PREFIX: string = 'ktrdr';

  /** Per operation type, how many jobs one worker runs at once: `type=n,type=n`. */
  @ValidateBy({
    name: 'workerConcurrency',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && concurrencyProblem(value) === null,
      defaultMessage: (args) => concurrencyProblem(String(args?.value)) ?? '',
    },
  })
  @IsString()
  WORKER_CONCURRENCY: string = DEFAULT_WORKER_CONCURRENCY;

  /** The worker's name in the leases it holds; `hostname:pid` when unset. */
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: '$property must be 1 to 200 characters without spaces' })
  @IsString()
  WORKER_ID?: string;

  /** A guessable key on a public address is no protection: a minimum length is enforced. */
  @ValidateIf(
    (env: EnvironmentVariables) => env.API_KEY !== undefined || !isLoopbackAddress(env.HOST),
  )
  @MinLength(API_KEY_MIN_LENGTH, {
    message: `$property must be at least ${API_KEY_MIN_LENGTH} characters long`,
  })
  @IsString()
  @IsNotEmpty({
    message: (args) =>
      `API_KEY is required when HOST (${String((args.object as EnvironmentVariables).HOST)}) is not a loopback address`,
  })
  API_KEY?: string;

  @Max(600000)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  SHUTDOWN_GRACE_MS: number = 10000;

  @Transform(toBoolean)
  @IsBoolean({ message: '$property must be "true" or "false"' })
  USE_IB_HOST_SERVICE: boolean = false;

  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.USE_IB_HOST_SERVICE === true || env.IB_HOST_SERVICE_URL !== undefined,
  )
  @IsUrl(HTTP_URL, {
    message: '$property must be an http(s) URL (required when USE_IB_HOST_SERVICE is true)',
  })
  IB_HOST_SERVICE_URL?: string;

  @Transform(toBoolean)
  @IsBoolean({ message: '$property must be "true" or "false"' })
  USE_TRAINING_HOST_SERVICE: boolean = false;

  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.USE_TRAINING_HOST_SERVICE === true || env.TRAINING_HOST_SERVICE_URL !== undefined,
  )
  @IsUrl(HTTP_URL, {
    message: '$property must be an http(s) URL (required when USE_TRAINING_HOST_SERVICE is true)',
  })
  TRAINING_HOST_SERVICE_URL?: string;

  /** The training host's shared key, when it requires one. */
  @IsOptional()
  @IsString()
  TRAINING_HOST_SERVICE_API_KEY?: string;

  /** A training host unreachable this long while it runs a session loses the session. */
  @Max(3600000)
  @Min(1000)
  @IsInt()
  @Transform(toInteger)
  TRAINING_HOST_LOST_AFTER_MS: number = 60000;

  /** Where bars come from when the data host is not used (in-process provider). */
  @IsIn(['synthetic', 'csv', 'ib'], { message: '$property must be one of synthetic, csv, ib' })
  DATA_PROVIDER: 'synthetic' | 'csv' | 'ib' = 'synthetic';

  /** The folder of vendor CSV files read by the csv provider (required with DATA_PROVIDER=csv). */
  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.DATA_PROVIDER === 'csv' || env.CSV_PROVIDER_DIR !== undefined,
  )
  @IsNotEmpty({ message: '$property is required when DATA_PROVIDER is csv' })
  @IsString({ message: '$property is required when DATA_PROVIDER is csv' })
  CSV_PROVIDER_DIR?: string;

  /** Simulated upstream latency of each synthetic provider request (tests, benchmarks). */
  @Max(600000)
  @Min(0)
  @IsInt()
  @Transform(toInteger)
  SYNTHETIC_LATENCY_MS: number = 0;

  /** IB Gateway / TWS address of the in-process ib provider (DATA_PROVIDER=ib). */
  @IsNotEmpty()
  @IsString()
  IB_HOST: string = '127.0.0.1';

  @Max(65535)
  @Min(1)
  @IsInt()
  @Transform(toInteger)
  IB_PORT: number = 4002;

  @Min(0)
  @IsInt()
  @Transform(toInteger)
  IB_CLIENT_ID: number = 1;

  /** The data host's shared key, when it requires one. */
  @IsOptional()
  @IsString()
  IB_HOST_SERVICE_API_KEY?: string;
}

/** Every variable the API reads; anything else in the environment is ignored. */
export const ENV_KEYS = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'MODELS_DIR',
  'STRATEGIES_DIR',
  'DATABASE_URL',
  'REDIS_URL',
  'EXECUTION_MODE',
  'REDIS_PREFIX',
  'WORKER_CONCURRENCY',
  'WORKER_ID',
  'API_KEY',
  'SHUTDOWN_GRACE_MS',
  'USE_IB_HOST_SERVICE',
  'IB_HOST_SERVICE_URL',
  'USE_TRAINING_HOST_SERVICE',
  'TRAINING_HOST_SERVICE_URL',
  'TRAINING_HOST_SERVICE_API_KEY',
  'TRAINING_HOST_LOST_AFTER_MS',
  'DATA_PROVIDER',
  'CSV_PROVIDER_DIR',
  'SYNTHETIC_LATENCY_MS',
  'IB_HOST',
  'IB_PORT',
  'IB_CLIENT_ID',
  'IB_HOST_SERVICE_API_KEY',
] as const satisfies readonly (keyof EnvironmentVariables)[];

/** Variables whose value may hold a secret: never echoed in an error message. */
export const SECRET_ENV_KEYS: ReadonlySet<string> = new Set([
  'API_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'IB_HOST_SERVICE_API_KEY',
  'TRAINING_HOST_SERVICE_API_KEY',
]);
