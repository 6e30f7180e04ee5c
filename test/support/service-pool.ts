import { spawnService, tempDir, type RunningService } from './spawn-service';

/** The API entry point as built by the e2e global setup. */
export const API_ENTRY = 'dist/src/main.js';

/**
 * The environment of a spawned API, independent of the test runner's own: no key, no external
 * database or queue, the SQLite file in `DATA_DIR`.
 */
export function apiEnv(
  dataDir: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    DATA_DIR: dataDir,
    API_KEY: undefined,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    EXECUTION_MODE: undefined,
    REDIS_PREFIX: undefined,
    WORKER_ID: undefined,
    WORKER_CONCURRENCY: undefined,
    USE_IB_HOST_SERVICE: undefined,
    USE_TRAINING_HOST_SERVICE: undefined,
    ...extra,
  };
}

/**
 * Spawned API processes and temp folders of a spec, all released by `cleanup()` (call it in
 * afterAll): processes still alive are killed, folders removed.
 */
export class ServicePool {
  private readonly services: RunningService[] = [];
  private readonly dirs: (() => void)[] = [];

  /** A fresh temp folder, removed on cleanup. */
  dataDir(prefix: string): string {
    const { dir, remove } = tempDir(prefix);
    this.dirs.push(remove);
    return dir;
  }

  /** Starts the API on `dataDir` (see {@link apiEnv}). */
  startApi(
    dataDir: string,
    extra: Record<string, string | undefined> = {},
  ): Promise<RunningService> {
    return this.start(API_ENTRY, dataDir, extra);
  }

  /** Starts a built entry point (the API, a worker) with {@link apiEnv}. */
  async start(
    entry: string,
    dataDir: string,
    extra: Record<string, string | undefined> = {},
    timeoutMs?: number,
  ): Promise<RunningService> {
    const service = await spawnService(entry, apiEnv(dataDir, extra), timeoutMs);
    this.services.push(service);
    return service;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.services.splice(0).map((service) => service.stop('SIGKILL')));
    this.dirs.splice(0).forEach((remove) => remove());
  }
}
