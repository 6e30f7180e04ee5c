import path from 'node:path';
import { apiEnv, benchTempDir, type BenchChild, startBenchChild } from './bench-processes';
import { closeHttpAgent, expectJson } from './json-http';

const ENTRY = path.join(__dirname, 'bench-api.main.ts');

/** A bench API child process. */
export interface BenchApi extends BenchChild {
  /** The API base: `${url}/api/v1`. */
  api: string;
}

/**
 * Starts the real API plus the bench routes (bench-api.main.ts) as a child process on loopback,
 * its operations database at `databaseFile`.
 */
export async function startBenchApi(dataDir: string, databaseFile: string): Promise<BenchApi> {
  const child = await startBenchChild('bench API', ENTRY, apiEnv(dataDir, databaseFile));
  return { ...child, api: `${child.url}/api/v1` };
}

/**
 * Runs `bench` against a bench API on a fresh temp folder (`prefix`), then closes the shared
 * HTTP agent, stops the API and removes the folder, also when `bench` throws.
 */
export async function withBenchApi(
  prefix: string,
  bench: (api: BenchApi) => Promise<void>,
): Promise<void> {
  const tmp = benchTempDir(prefix);
  const api = await startBenchApi(tmp.dir, path.join(tmp.dir, 'ops.sqlite'));
  try {
    await bench(api);
  } finally {
    closeHttpAgent();
    await api.stop();
    tmp.remove();
  }
}

/** Starts the bench API's dummy operation (`steps` sleeps of `step_ms`): its id and URL. */
export async function startDummy(
  api: BenchApi,
  params: { steps: number; step_ms: number },
): Promise<{ id: string; url: string }> {
  const started = await expectJson<{ operation_id: string }>(
    202,
    'POST',
    `${api.api}/operations/dummy`,
    params,
  );
  const id = started.body.operation_id;
  return { id, url: `${api.api}/operations/${id}` };
}
