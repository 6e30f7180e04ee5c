import { randomBytes } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import type { OpsApi } from './ops-api';
import { dropQueuedState, queryInSchema } from './queued-state';
import { API_ENTRY, ServicePool } from './service-pool';
import type { RunningService } from './spawn-service';
import { until } from './until';

export const TEST_POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const WORKER_ENTRY = 'dist/apps/worker/src/main.js';
/** Four processes booting at once on a loaded two-core machine take a while. */
const START_TIMEOUT_MS = 60_000;

/**
 * API and worker processes in queued mode on the shared test PostgreSQL and Redis, isolated by
 * a schema and a Redis prefix of their own; `cleanup()` kills them and drops both.
 */
export class QueuedCluster {
  readonly pool = new ServicePool();
  readonly schema = `ktrdr_q_${randomBytes(5).toString('hex')}`;
  readonly prefix = `ktrdr-q-${randomBytes(5).toString('hex')}`;
  readonly dataDir = this.pool.dataDir('ktrdr-queued-');

  constructor(private readonly base: Record<string, string | undefined> = {}) {}

  /** The environment of a process of this cluster (`extra` wins). */
  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      EXECUTION_MODE: 'queued',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: this.prefix,
      DATABASE_URL: `${TEST_POSTGRES_URL}?schema=${this.schema}`,
      ...this.base,
      ...extra,
    };
  }

  startApi(extra: Record<string, string | undefined> = {}): Promise<RunningService> {
    return this.pool.start(API_ENTRY, this.dataDir, this.env(extra), START_TIMEOUT_MS);
  }

  startWorker(id: string, extra: Record<string, string | undefined> = {}): Promise<RunningService> {
    const env = this.env({ WORKER_ID: id, ...extra });
    return this.pool.start(WORKER_ENTRY, this.dataDir, env, START_TIMEOUT_MS);
  }

  /** Runs one query in the cluster's schema. */
  query<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryInSchema<T>(TEST_POSTGRES_URL, this.schema, text, values);
  }

  async cleanup(): Promise<void> {
    await this.pool.cleanup();
    await dropQueuedState({
      postgresUrl: TEST_POSTGRES_URL,
      redisUrl: TEST_REDIS_URL,
      schemas: [this.schema],
      prefix: this.prefix,
    });
  }
}

/** How many times each operation was started, from the workers' `Operation … started` lines. */
export function startsByOperation(...workers: RunningService[]): Map<string, string[]> {
  const starts = new Map<string, string[]>();
  for (const worker of workers) {
    for (const match of stripVTControlCharacters(worker.output()).matchAll(
      /Operation (op_\S+) started on (\S+)/g,
    )) {
      const [, id = '', by = ''] = match;
      starts.set(id, [...(starts.get(id) ?? []), by]);
    }
  }
  return starts;
}

/**
 * Starts `count` long dummy operations on `api` and resolves with their ids once every one is
 * running: they hold that many of the workers' slots, so the next operation waits in its queue.
 */
export async function fillSlots(
  api: OpsApi,
  count: number,
  params: { steps: number; step_ms: number },
): Promise<string[]> {
  const ids = await Promise.all(Array.from({ length: count }, () => api.startDummy(params)));
  await Promise.all(
    ids.map((id) =>
      until(
        () => api.get(id),
        (op) => op.status === 'running',
      ),
    ),
  );
  return ids;
}
