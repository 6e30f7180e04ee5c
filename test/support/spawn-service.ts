import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  url: string;
  proc: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** Sends a signal and resolves with the exit code (or the signal's name). */
  stop: (signal?: NodeJS.Signals) => Promise<number | string | null>;
  exited: Promise<number | string | null>;
}

/**
 * Starts a built entry point (e.g. `dist/src/main.js`) as a real process on an ephemeral
 * port and resolves once it prints `listening on http://…`. The default bound is generous: a
 * boot takes about a second, but a loaded two-core machine has been seen to need over 20 s.
 */
export function spawnService(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 45_000,
): Promise<RunningService> {
  const proc = spawn(process.execPath, [path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          proc,
          output: () => out,
          exited,
          stop: (signal = 'SIGTERM') => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${String(code)}) before listening:\n${out}`));
    });
  });
}

/** A fresh temporary folder; remove it with the returned function. */
export function tempDir(prefix = 'ktrdr-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
