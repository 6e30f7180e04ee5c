import { setTimeout as delay } from 'node:timers/promises';
import { ktrdr, type CliProcess } from './support/cli-process';
import { spawnService, tempDir, type RunningService } from './support/spawn-service';

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
