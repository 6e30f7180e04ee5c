import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './spawn-service';

const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

export interface CliProcess {
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match of `pattern` in stderr (progress and notices go there). */
  waitForStderr: (pattern: RegExp) => Promise<RegExpExecArray>;
}

/** The real `ktrdr` process from dist/, pointed at the API through KTRDR_API_URL. */
export function ktrdr(apiUrl: string, args: string[]): CliProcess {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, KTRDR_API_URL: apiUrl, KTRDR_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(err);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  proc.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
  proc.stderr.on('data', (chunk: Buffer) => {
    err += String(chunk);
    check();
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  return {
    exited,
    kill: (signal) => proc.kill(signal),
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then(() =>
          reject(new Error(`ktrdr exited before ${String(pattern)} appeared:\n${err}`)),
        );
      }),
  };
}
