import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isPostgresUrl } from '@ktrdr/operations';
import { ENV_KEYS, EnvironmentVariables, SECRET_ENV_KEYS } from './environment-variables';

/** The environment is invalid; `problems` lists every one of them, one line each. */
export class EnvValidationError extends Error {
  readonly code = 'INVALID_ENVIRONMENT';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/** The validated environment: every default filled in, `DATABASE_URL` (inside DATA_DIR) too. */
export type ValidatedEnvironment = EnvironmentVariables & { DATABASE_URL: string };

/**
 * Validates the variables the API reads and fills in their defaults. Empty values count as
 * unset. Throws one `EnvValidationError` listing every problem. Used by `AppConfig.fromEnv`
 * (AppConfigModule) and by main.ts before anything else starts.
 */
export function validateEnv(raw: Record<string, unknown>): ValidatedEnvironment {
  const given: Record<string, unknown> = {};
  for (const key of ENV_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    given[key] = typeof value === 'string' ? value.trim() : value;
  }
  const env = plainToInstance(EnvironmentVariables, given);
  const errors = validateSync(env, { stopAtFirstError: true, forbidUnknownValues: true });
  const problems = errors.map((e) => describe(e, given));
  const databaseUrl = env.DATABASE_URL ?? path.join(env.DATA_DIR, 'ktrdr.sqlite');
  if (env.EXECUTION_MODE === 'queued' && !errors.some((e) => e.property === 'DATABASE_URL')) {
    if (!isPostgresUrl(databaseUrl)) problems.push(QUEUED_NEEDS_POSTGRES);
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return Object.assign(env, { DATABASE_URL: databaseUrl });
}

/** Several processes share one registry in queued mode: a SQLite file cannot be it. */
const QUEUED_NEEDS_POSTGRES =
  'DATABASE_URL must be a postgres:// URL when EXECUTION_MODE is queued (API and worker processes share one registry; a SQLite file cannot be shared)';

function describe(error: ValidationError, given: Record<string, unknown>): string {
  const messages = Object.values(error.constraints ?? {}).join('; ');
  const value = given[error.property];
  const shown =
    value === undefined || SECRET_ENV_KEYS.has(error.property)
      ? ''
      : ` (got ${JSON.stringify(value)})`;
  return `${messages}${shown}`;
}
