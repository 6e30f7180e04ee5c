import { startCli } from './testing/cli-harness';
import { FakeApiServer } from './testing/fake-api-server';

describe('ktrdr: global options, usage errors, API errors', () => {
  let server: FakeApiServer;

  afterEach(() => server?.close());

  it.each([
    [['nope']],
    [['ops', 'list', '--bogus']],
    [['ops', 'list', '--status', 'sleeping']],
    [['ops', 'show']],
    [['dummy', '--steps', 'ten']],
    [['dummy', '--steps', '0']],
    [['dummy', '--steps', '3', '--fail-at-step', '4']],
    [['--api-url', 'not a url', 'ops', 'list']],
    [[]],
  ])('%j is a usage error: exit 2 and a message on stderr', async (args) => {
    const run = startCli(args);
    expect(await run.done).toBe(2);
    expect(run.stderr.text).toMatch(/error|Usage/);
    expect(run.stdout.text).toBe('');
  });

  it('--help exits 0 and documents the exit codes', async () => {
    const run = startCli(['--help']);
    expect(await run.done).toBe(0);
    expect(run.stdout.text).toContain('--api-url <url>');
    expect(run.stdout.text).toMatch(/130\s+the operation was cancelled/);
  });

  it('takes URL and key from the environment', async () => {
    server = await FakeApiServer.start({ apiKey: 's3cret' });
    const run = startCli(['ops', 'list'], {
      KTRDR_API_URL: `${server.baseUrl}/api/v1/`,
      KTRDR_API_KEY: 's3cret',
    });
    expect(await run.done).toBe(0);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer s3cret');
  });

  it('flags win over the environment', async () => {
    server = await FakeApiServer.start({ apiKey: 'right' });
    const run = startCli(['ops', 'list', '--api-url', server.baseUrl, '--api-key', 'right'], {
      KTRDR_API_URL: 'http://127.0.0.1:1',
      KTRDR_API_KEY: 'wrong',
    });
    expect(await run.done).toBe(0);
  });

  it('a rejected key exits 1 with the API message', async () => {
    server = await FakeApiServer.start({ apiKey: 'right' });
    const run = startCli(['--api-url', server.baseUrl, 'ops', 'list']);
    expect(await run.done).toBe(1);
    expect(run.stderr.text).toBe('error: missing or wrong API key (HTTP 401 UNAUTHORIZED)\n');
  });

  it('an unreachable API exits 1 with a clear message', async () => {
    server = await FakeApiServer.start();
    const url = server.baseUrl;
    await server.close();
    const run = startCli(['--api-url', url, 'dummy']);
    expect(await run.done).toBe(1);
    expect(run.stderr.text).toContain(
      `error: cannot reach the API at ${url}/api/v1 (ECONNREFUSED)`,
    );
  });
});
