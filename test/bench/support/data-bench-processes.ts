import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const HOST_ENTRY = path.join(ROOT, 'apps/data-host/src/main.ts');
const API_ENTRY = path.join(__dirname, 'data-bench-api.main.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** A child process of the data benchmarks, listening on loopback. */
export interface BenchChild {
  url: string;
  /** SIGTERM (graceful), SIGKILL after a timeout; resolves once the process is gone. */
  stop: () => Promise<void>;
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Last resort: nothing the benchmark started outlives it, even on Ctrl+C or a throw. */
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

/** A temp folder, removed by the returned function or when the benchmark ends. */
export function dataBenchTempDir(prefix: string): { dir: string; remove: () => void } {
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
 * Starts a TypeScript entry point (through @swc-node/register, like the bench scripts) on an
 * ephemeral loopback port and resolves once it prints `listening on http://…`. Its later output
 * is drained (a full pipe would stall it); its stderr is echoed with `label`.
 */
function startChild(label: string, entry: string, env: NodeJS.ProcessEnv): Promise<BenchChild> {
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    ...env,
  };
  delete fullEnv.API_KEY;
  delete fullEnv.DATA_HOST_API_KEY;
  delete fullEnv.IB_HOST_SERVICE_API_KEY;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: fullEnv,
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
  return new Promise<BenchChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start in ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[${label}] ${c.toString()}`));
      resolve({ url: match[1], stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before listening:\n${output}`));
    });
  });
}

/** The data host (apps/data-host) with the synthetic provider and no pacing. */
export function startDataHost(syntheticLatencyMs: number): Promise<BenchChild> {
  return startChild('data host', HOST_ENTRY, {
    DATA_HOST_PROVIDER: 'synthetic',
    DATA_HOST_PACING: 'none',
    SYNTHETIC_LATENCY_MS: String(syntheticLatencyMs),
  });
}

/**
 * The real API routed to the data host (USE_IB_HOST_SERVICE), its cache and operations
 * database in `dataDir`; `keepAlive: false` makes its data host adapter unpooled
 * (see data-bench-api.main.ts).
 */
export function startDataApi(
  hostUrl: string,
  dataDir: string,
  keepAlive: boolean,
): Promise<BenchChild> {
  return startChild(keepAlive ? 'API pooled' : 'API unpooled', API_ENTRY, {
    DATA_DIR: dataDir,
    MODELS_DIR: path.join(dataDir, 'models'),
    DATABASE_URL: path.join(dataDir, 'ops.sqlite'),
    SHUTDOWN_GRACE_MS: '2000',
    USE_IB_HOST_SERVICE: 'true',
    IB_HOST_SERVICE_URL: hostUrl,
    DATA_PROVIDER: 'synthetic',
    DATA_BENCH_KEEP_ALIVE: String(keepAlive),
  });
}
