import { spawn } from 'node:child_process';
import path from 'node:path';
import { FakeApiServer } from './testing/fake-api-server';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs apps/cli/src/main.ts as a real process (TypeScript through @swc-node/register). */
function spawnCli(args: string[]) {
  const proc = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'main.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, KTRDR_API_URL: '', KTRDR_API_KEY: '' } },
  );
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  proc.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
    for (const waiter of waiters) if (waiter.pattern.test(stderr)) waiter.resolve();
  });
  const stderrMatches = (pattern: RegExp) =>
    new Promise<void>((resolve) => waiters.push({ pattern, resolve }));
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  return { proc, exited, stderrMatches, output: () => ({ stdout, stderr }) };
}

describe('ktrdr as a process (main.ts)', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start({ cancelDelayMs: 20 });
  });
  afterEach(() => server.close());

  it('a real SIGINT cancels the operation it started and exits 130', async () => {
    const cli = spawnCli([
      '--api-url',
      server.baseUrl,
      'dummy',
      '--steps',
      '1000',
      '--step-ms',
      '10',
    ]);
    await cli.stderrMatches(/step 1\/1000/);
    cli.proc.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    const [operation] = [...server.operations.values()];
    expect(operation!.record.status).toBe('cancelled');
    expect(cli.output().stdout).toMatch(/cancelled after/);
  }, 20000);

  it('exits 2 on a usage error', async () => {
    const cli = spawnCli(['ops', 'frobnicate']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain("unknown command 'frobnicate'");
  }, 20000);
});
