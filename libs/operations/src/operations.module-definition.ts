import { ConfigurableModuleBuilder } from '@nestjs/common';

/** Options of `OperationsModule.forRoot` / `forRootAsync`. */
export interface OperationsModuleOptions {
  /** A SQLite file path (`sqlite:` prefix optional) or a `postgres://` / `postgresql://` URL. */
  databaseUrl: string;
  /** PostgreSQL only: the schema to use, created if missing. */
  schema?: string;
  /** How long shutdown waits for cancelled operations to end (default 10000 ms). */
  shutdownGraceMs?: number;
  /**
   * Queued execution (queued.md): operations go through Bull queues on Redis and the registry
   * must be PostgreSQL shared by every process. Absent: operations run in this process.
   */
  queued?: QueuedExecutionOptions;
}

/** Where and as what a process takes part in queued execution. */
export interface QueuedExecutionOptions {
  /** `redis://…` of the Bull queues and the cancel channel. */
  redisUrl: string;
  /** Every Redis key and channel starts with it (Bull's `prefix` too), e.g. `ktrdr`. */
  redisPrefix: string;
  /** This process, as written into the leases it holds (`hostname:pid` by default). */
  workerId: string;
  /** `api` only enqueues; `worker` also takes jobs and runs them. */
  role: 'api' | 'worker';
  /** Per operation type, how many jobs a worker runs at once (types not listed: 1). */
  concurrency: Record<string, number>;
}

export const {
  ConfigurableModuleClass: ConfigurableOperationsModule,
  MODULE_OPTIONS_TOKEN: OPERATIONS_MODULE_OPTIONS,
  OPTIONS_TYPE: OPERATIONS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: OPERATIONS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<OperationsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
