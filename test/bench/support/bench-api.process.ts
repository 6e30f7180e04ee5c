import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const ENTRY = path.join(__dirname, 'bench-api.main.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** A bench API child process. */
export interface BenchApi {
  url: string;
  /** The API base: `${url}/api/v1`. */
  api: string;
  /** SIGTERM (graceful), SIGKILL after a timeout; resolves once the process is gone. */
  stop: () => Promise<void>;
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Last-resort cleanup: nothing the benchmark started outlives it, even on Ctrl+C or a throw. */
function cleanupNow(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.once('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanupNow();
    process.exit(130);
  });
}

/** A temp folder removed when the benchmark ends (or earlier with the returned function). */
export function benchTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `ktrdr-bench-${prefix}-`));
  tempDirs.add(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

/**
 * Starts the real API plus the bench routes (bench-api.main.ts) as a child process on loopback,
 * its operations database at `databaseFile`.
 */
export function startBenchApi(dataDir: string, databaseFile: string): Promise<BenchApi> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MODELS_DIR: path.join(dataDir, 'models'),
    DATABASE_URL: databaseFile,
    SHUTDOWN_GRACE_MS: '2000',
    NODE_ENV: 'production',
  };
  // Open API on loopback: no key to present.
  delete env.API_KEY;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  let output = '';
  return new Promise<BenchApi>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench API did not start in ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      // Keep printing its warnings and errors once started.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[bench API] ${c.toString()}`));
      resolve({ url: match[1], api: `${match[1]}/api/v1`, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench API exited before listening:\n${output}`));
    });
  });
}
