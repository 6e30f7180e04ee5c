import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ROOT, spawnService, tempDir, type RunningService } from './support/spawn-service';

const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

interface CliProcess {
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match of `pattern` in stderr (progress and notices go there). */
  waitForStderr: (pattern: RegExp) => Promise<RegExpExecArray>;
}

/** The real `ktrdr` process from dist/, pointed at the API through KTRDR_API_URL. */
function ktrdr(apiUrl: string, args: string[]): CliProcess {
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

describe('ktrdr CLI against the real API', () => {
  let api: RunningService;
  let data: { dir: string; remove: () => void };

  beforeAll(async () => {
    data = tempDir('ktrdr-cli-e2e-');
    api = await spawnService('dist/src/main.js', { DATA_DIR: data.dir, API_KEY: undefined });
  });

  afterAll(async () => {
    await api?.stop();
    data?.remove();
  });

  async function getOperation(id: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${api.url}/api/v1/operations/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  async function startId(cli: CliProcess): Promise<string> {
    const match = await cli.waitForStderr(/Started (op_\w+)/);
    return match[1]!;
  }

  it('dummy --steps 5 --step-ms 20 exits 0 and the operation is completed', async () => {
    const cli = ktrdr(api.url, ['dummy', '--steps', '5', '--step-ms', '20']);
    const id = await startId(cli);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(new RegExp(`^${id} completed in \\S+: steps_completed=5`));
    expect(await getOperation(id)).toMatchObject({ status: 'completed' });
  });

  it('dummy --fail-at-step exits 1 with the error', async () => {
    const cli = ktrdr(api.url, ['dummy', '--steps', '5', '--step-ms', '10', '--fail-at-step', '3']);
    const id = await startId(cli);
    expect(await cli.exited).toBe(1);
    expect(cli.stdout()).toContain('DUMMY_FAILURE');
    expect(await getOperation(id)).toMatchObject({
      status: 'failed',
      error: { code: 'DUMMY_FAILURE' },
    });
  });

  it('SIGINT during a long dummy cancels it: exit 130, cancelled for good', async () => {
    const cli = ktrdr(api.url, ['dummy', '--steps', '10000', '--step-ms', '20']);
    const id = await startId(cli);
    await cli.waitForStderr(/\[\s*\d+%\]/);
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.stderr()).toContain(`Cancelling ${id}`);
    const cancelled = await getOperation(id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    // Proving that nothing changes later needs some time to pass: several dummy steps' worth.
    await delay(300);
    expect(await getOperation(id)).toEqual(cancelled);
  });

  it('ops cancel --wait cancels an operation it did not start and exits 130', async () => {
    const response = await fetch(`${api.url}/api/v1/operations/dummy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ steps: 10000, step_ms: 20 }),
    });
    expect(response.status).toBe(202);
    const { operation_id: id } = (await response.json()) as { operation_id: string };
    const cli = ktrdr(api.url, ['ops', 'cancel', id, '--reason', 'e2e', '--wait']);
    expect(await cli.exited).toBe(130);
    expect(cli.stdout()).toMatch(new RegExp(`^${id} cancelled after \\S+ \\(e2e\\)`));
    expect(await getOperation(id)).toMatchObject({ status: 'cancelled' });
  });

  it('ops list and ops show read what the API holds', async () => {
    const list = ktrdr(api.url, ['ops', 'list', '--type', 'dummy', '--json']);
    expect(await list.exited).toBe(0);
    const page = JSON.parse(list.stdout()) as { items: { operation_id: string }[]; total: number };
    expect(page.total).toBeGreaterThanOrEqual(4);
    const show = ktrdr(api.url, ['ops', 'show', page.items[0]!.operation_id]);
    expect(await show.exited).toBe(0);
    expect(show.stdout()).toMatch(/^Status\s+(completed|failed|cancelled)$/m);
  });

  it('a usage error exits 2', async () => {
    const cli = ktrdr(api.url, ['dummy', '--steps', 'many']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain("option '--steps <n>' argument 'many' is invalid");
  });
});
