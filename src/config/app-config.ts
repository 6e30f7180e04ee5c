import { hostname } from 'node:os';
import path from 'node:path';
import {
  isPostgresUrl,
  maskDatabasePassword,
  parseWorkerConcurrency,
  type QueuedExecutionOptions,
  sqliteFilePath,
} from '@ktrdr/operations';
import { validateEnv, type ValidatedEnvironment } from './env.validation';

/** Where a host service runs: routing mirrors USE_*_HOST_SERVICE / *_HOST_SERVICE_URL. */
export interface HostServiceRouting {
  enabled: boolean;
  url: string | null;
}

/** The in-process market-data provider's settings (used when the data host is not). */
export interface MarketDataSettings {
  provider: 'synthetic' | 'csv' | 'ib';
  csvDir: string | null;
  syntheticLatencyMs: number;
  ib: { host: string; port: number; clientId: number };
  /** Shared key of the data host service, when it requires one. */
  hostApiKey: string | null;
}

/**
 * Typed, read-only view of the validated environment. Inject it instead of reading
 * `process.env` keys by name.
 */
export class AppConfig {
  constructor(private readonly env: ValidatedEnvironment) {}

  /** Validates a raw environment (e.g. `process.env`) and wraps it. */
  static fromEnv(raw: Record<string, unknown>): AppConfig {
    return new AppConfig(validateEnv(raw));
  }

  get port(): number {
    return this.env.PORT;
  }

  get host(): string {
    return this.env.HOST;
  }

  get dataDir(): string {
    return path.resolve(this.env.DATA_DIR);
  }

  get modelsDir(): string {
    return path.resolve(this.env.MODELS_DIR);
  }

  get strategiesDir(): string {
    return path.resolve(this.env.STRATEGIES_DIR);
  }

  /** A postgres:// URL, or the SQLite file as an absolute path (`sqlite:` prefix removed). */
  get databaseUrl(): string {
    const url = this.env.DATABASE_URL;
    return isPostgresUrl(url) ? url : path.resolve(sqliteFilePath(url));
  }

  get databaseKind(): 'sqlite' | 'postgres' {
    return isPostgresUrl(this.databaseUrl) ? 'postgres' : 'sqlite';
  }

  /** The database location safe to print: a PostgreSQL password is masked. */
  get databaseLocation(): string {
    if (this.databaseKind === 'sqlite') return `sqlite ${this.databaseUrl}`;
    return `postgres ${maskDatabasePassword(this.databaseUrl)}`;
  }

  get redisUrl(): string | null {
    return this.env.REDIS_URL ?? null;
  }

  get executionMode(): 'in-process' | 'queued' {
    return this.env.EXECUTION_MODE;
  }

  /** Every Redis key and channel starts with `<prefix>:`. */
  get redisPrefix(): string {
    return this.env.REDIS_PREFIX;
  }

  /** Per operation type, how many jobs one worker runs at once. */
  get workerConcurrency(): Record<string, number> {
    return parseWorkerConcurrency(this.env.WORKER_CONCURRENCY);
  }

  /** This process in the leases it holds: WORKER_ID, else `hostname:pid`. */
  get workerId(): string {
    return this.env.WORKER_ID ?? `${hostname()}:${process.pid}`;
  }

  /**
   * The `queued` option of OperationsModule for a process of `role`; undefined in in-process
   * mode. (validateEnv guarantees REDIS_URL and a PostgreSQL DATABASE_URL in queued mode.)
   */
  queuedExecution(role: QueuedExecutionOptions['role']): QueuedExecutionOptions | undefined {
    if (this.env.EXECUTION_MODE !== 'queued' || this.env.REDIS_URL === undefined) return undefined;
    return {
      redisUrl: this.env.REDIS_URL,
      redisPrefix: this.redisPrefix,
      workerId: this.workerId,
      role,
      concurrency: this.workerConcurrency,
    };
  }

  /** The shared key clients must present, or null when the API is open (loopback only). */
  get apiKey(): string | null {
    return this.env.API_KEY ?? null;
  }

  get shutdownGraceMs(): number {
    return this.env.SHUTDOWN_GRACE_MS;
  }

  get ibHostService(): HostServiceRouting {
    return { enabled: this.env.USE_IB_HOST_SERVICE, url: this.env.IB_HOST_SERVICE_URL ?? null };
  }

  get trainingHostService(): HostServiceRouting {
    return {
      enabled: this.env.USE_TRAINING_HOST_SERVICE,
      url: this.env.TRAINING_HOST_SERVICE_URL ?? null,
    };
  }

  /** The training host's shared key, or null when it has none. */
  get trainingHostApiKey(): string | null {
    return this.env.TRAINING_HOST_SERVICE_API_KEY ?? null;
  }

  /** How long the training host may stay unreachable mid-session before the session is lost. */
  get trainingHostLostAfterMs(): number {
    return this.env.TRAINING_HOST_LOST_AFTER_MS;
  }

  get marketData(): MarketDataSettings {
    return {
      provider: this.env.DATA_PROVIDER,
      csvDir: this.env.CSV_PROVIDER_DIR ? path.resolve(this.env.CSV_PROVIDER_DIR) : null,
      syntheticLatencyMs: this.env.SYNTHETIC_LATENCY_MS,
      ib: { host: this.env.IB_HOST, port: this.env.IB_PORT, clientId: this.env.IB_CLIENT_ID },
      hostApiKey: this.env.IB_HOST_SERVICE_API_KEY ?? null,
    };
  }
}
