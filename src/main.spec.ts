import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Runs src/main.ts in a real process (TypeScript through @swc-node/register). */
function runMain(env: Record<string, string>): {
  output: () => string;
  listening: Promise<string>;
  /** The exit code, or the signal's name when the process ended by a signal. */
  exited: Promise<number | string | null>;
  stop: () => void;
} {
  const proc = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(ROOT, 'src/main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let onListening: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const collect = (chunk: Buffer): void => {
    out += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match?.[1]) onListening(match[1]);
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  const exited = new Promise<number | string | null>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { output: () => out, listening, exited, stop: () => proc.kill('SIGTERM') };
}

describe('main.ts (real process)', () => {
  jest.setTimeout(30_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ktrdr-main-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a bad environment with one message listing every problem, exit code 1', async () => {
    const run = runMain({ DATA_DIR: dataDir, PORT: 'eighty', HOST: '0.0.0.0' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toBe(
      [
        'Invalid environment configuration:',
        '  - PORT must be an integer number (got "eighty")',
        '  - API_KEY is required when HOST (0.0.0.0) is not a loopback address',
        '',
      ].join('\n'),
    );
  });

  it('prints where it listens, the database and the execution mode; stops on SIGTERM', async () => {
    const run = runMain({ DATA_DIR: dataDir });
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
    run.stop();
    // SIGTERM drains and closes the app, then exits 0 (configureApp's shutdown hooks).
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toMatch(/ERROR/);
    expect(run.output()).toContain(
      `database: sqlite ${path.join(dataDir, 'ktrdr.sqlite')}; execution: in-process`,
    );
  });
});
