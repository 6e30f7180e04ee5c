/**
 * The child processes and temp folders of the benchmarks: one registry for all of them, so
 * nothing a benchmark started outlives it (exit, Ctrl+C, a throw).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository root (children run from there, like the bench scripts). */
export const ROOT = path.resolve(__dirname, '../../..');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** Keys removed from a child's environment: the children are open on loopback. */
const API_KEY_VARS = ['API_KEY', 'DATA_HOST_API_KEY', 'IB_HOST_SERVICE_API_KEY'] as const;

/** A benchmark child process, listening on loopback. */
export interface BenchChild {
  url: string;
  /** The process id (to read its memory from /proc). */
  pid: number;
  /** SIGTERM (graceful), SIGKILL after a timeout; resolves once the process is gone. */
  stop: () => Promise<void>;
  /** SIGKILL (a crash); resolves once the process is gone. */
  kill: () => Promise<void>;
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

/** The environment of the real API on `dataDir`, its operations database at `databaseFile`. */
export function apiEnv(dataDir: string, databaseFile: string): NodeJS.ProcessEnv {
  return {
    DATA_DIR: dataDir,
    MODELS_DIR: path.join(dataDir, 'models'),
    DATABASE_URL: databaseFile,
    SHUTDOWN_GRACE_MS: '2000',
  };
}

/**
 * Starts a TypeScript entry point (through @swc-node/register, like the bench scripts) on an
 * ephemeral loopback port, with `env` over this process's environment (API keys removed), and
 * resolves once it prints `listening on http://…` (`options.apiKey`: protected by that key). Its later output is drained (a full pipe
 * would stall it); its stderr is echoed with `label`.
 */
export function startBenchChild(
  label: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  options: { apiKey?: string } = {},
): Promise<BenchChild> {
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    ...env,
  };
  for (const key of API_KEY_VARS) delete fullEnv[key];
  if (options.apiKey !== undefined) fullEnv['API_KEY'] = options.apiKey;
  // BENCH_CHILD_NODE_ARGS: extra node flags for the children (`--cpu-prof --cpu-prof-dir=…`
  // profiles them; NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', entry], {
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
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
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
      resolve({ url: match[1], pid: child.pid ?? 0, stop, kill });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before listening:\n${output}`));
    });
  });
}
