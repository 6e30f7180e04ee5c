/**
 * API and worker processes in queued mode for the queued-* benchmarks, on the local PostgreSQL
 * and Redis (KTRDR_TEST_POSTGRES_URL / KTRDR_TEST_REDIS_URL), in a schema and under a Redis
 * prefix of their own that `cleanup()` drops. Also an in-process API on its own schema of the
 * same PostgreSQL, the baseline of the same run.
 */
import { randomBytes } from 'node:crypto';
import { dropQueuedState, queryInSchema } from '../../support/queued-state';
import { benchTempDir, type BenchChild, startBenchChild } from './bench-processes';
import { closeHttpAgent, requestJson } from './json-http';

export const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.KTRDR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const API_ENTRY = 'src/main.ts';
const WORKER_ENTRY = 'apps/worker/src/main.ts';

export interface OperationRow {
  status: string;
  created_at: string;
  started_at: string | null;
  error: { code: string } | null;
}

export class QueuedBenchCluster {
  private readonly schemas: string[] = [];
  private readonly prefix = `ktrdr-bench-${randomBytes(4).toString('hex')}`;
  private readonly children: BenchChild[] = [];
  private readonly dataDir = benchTempDir('queued').dir;
  private readonly schema = this.newSchema();

  /** An API in queued mode. */
  startApi(label = 'api'): Promise<BenchChild> {
    return this.start(label, API_ENTRY, this.queuedEnv());
  }

  /** A worker taking up to `concurrency` dummy operations at once. */
  startWorker(id: string, concurrency = 50): Promise<BenchChild> {
    return this.start(
      id,
      WORKER_ENTRY,
      this.queuedEnv({ WORKER_ID: id, WORKER_CONCURRENCY: `dummy=${concurrency}` }),
    );
  }

  /** The baseline: the API running operations in its own process, on a schema of its own. */
  startInProcessApi(label = 'in-process'): Promise<BenchChild> {
    return this.start(label, API_ENTRY, {
      ...this.baseEnv(),
      DATABASE_URL: `${POSTGRES_URL}?schema=${this.newSchema()}`,
    });
  }

  /** Which worker holds a running operation (from its lease). */
  async holderOf(operationId: string): Promise<string | null> {
    const rows = await this.query<{ worker_id: string | null }>(
      'select worker_id from operations where operation_id = $1',
      [operationId],
    );
    return rows[0]?.worker_id ?? null;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
    await dropQueuedState({
      postgresUrl: POSTGRES_URL,
      redisUrl: REDIS_URL,
      schemas: this.schemas,
      prefix: this.prefix,
    });
  }

  private query<T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]> {
    return queryInSchema<T>(POSTGRES_URL, this.schema, text, values);
  }

  private async start(label: string, entry: string, env: NodeJS.ProcessEnv): Promise<BenchChild> {
    const child = await startBenchChild(label, entry, env);
    this.children.push(child);
    return child;
  }

  private baseEnv(): NodeJS.ProcessEnv {
    return {
      DATA_DIR: this.dataDir,
      SHUTDOWN_GRACE_MS: '2000',
      EXECUTION_MODE: undefined,
      REDIS_URL: undefined,
    };
  }

  private queuedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...this.baseEnv(),
      EXECUTION_MODE: 'queued',
      REDIS_URL,
      REDIS_PREFIX: this.prefix,
      DATABASE_URL: `${POSTGRES_URL}?schema=${this.schema}`,
      ...extra,
    };
  }

  private newSchema(): string {
    const schema = `ktrdr_bench_${randomBytes(4).toString('hex')}`;
    this.schemas.push(schema);
    return schema;
  }
}

/**
 * Runs a queued benchmark on a fresh cluster, then stops its processes and drops its state
 * whatever happened; a failure is printed and ends the process with exit code 1.
 */
export function runQueuedBench(bench: (cluster: QueuedBenchCluster) => Promise<void>): void {
  const run = async (): Promise<void> => {
    const cluster = new QueuedBenchCluster();
    try {
      await bench(cluster);
    } finally {
      await cluster.cleanup();
      closeHttpAgent();
    }
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** Starts a dummy operation on `api`; returns its id. */
export async function startDummyOn(
  api: BenchChild,
  params: { steps: number; step_ms: number },
): Promise<string> {
  const res = await requestJson<{ operation_id: string }>(
    'POST',
    `${api.url}/api/v1/operations/dummy`,
    params,
  );
  if (res.status !== 202)
    throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.operation_id;
}

/** Polls the operation until `done` holds (every `everyMs`). */
export async function pollOperation(
  api: BenchChild,
  id: string,
  done: (op: OperationRow) => boolean,
  everyMs = 20,
  timeoutMs = 60_000,
): Promise<OperationRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await requestJson<OperationRow>('GET', `${api.url}/api/v1/operations/${id}`);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`${id}: timed out (${JSON.stringify(res.body)})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const isEnded = (op: OperationRow): boolean =>
  ['completed', 'failed', 'cancelled'].includes(op.status);
