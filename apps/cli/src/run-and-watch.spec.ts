import { CLI_CANCEL_REASON } from './operation-session';
import { startCli } from './testing/cli-harness';
import { FakeApiServer } from './testing/fake-api-server';
import { FakeOperation } from './testing/fake-operation';

describe('starting and watching operations (ktrdr dummy, ops watch)', () => {
  let server: FakeApiServer;

  afterEach(() => server.close());

  const cli = (...args: string[]) => startCli(['--api-url', server.baseUrl, ...args]);
  const deletes = () => server.requestsTo('DELETE', /\/operations\//);
  const onlyOperation = () => [...server.operations.values()][0]!;

  it('dummy: shows progress and exits 0 when the operation completes', async () => {
    server = await FakeApiServer.start();
    const run = cli('dummy', '--steps', '3', '--step-ms', '5');
    expect(await run.done).toBe(0);
    expect(server.requestsTo('POST', /\/operations\/dummy$/)[0]!.body).toEqual({
      steps: 3,
      step_ms: 5,
    });
    expect(run.stderr.text).toMatch(/^Started op_dummy_\w+/);
    expect(run.stderr.text).toContain('[ 33%] step 1/3');
    expect(run.stdout.text).toMatch(/^op_dummy_\w+ completed in \S+: steps_completed=3\n$/);
  });

  it('dummy --fail-at-step: exits 1 and prints the error', async () => {
    server = await FakeApiServer.start();
    const run = cli('dummy', '--steps', '5', '--step-ms', '5', '--fail-at-step', '2');
    expect(await run.done).toBe(1);
    expect(run.stdout.text).toContain('failed after');
    expect(run.stdout.text).toContain('DUMMY_FAILURE: failed at step 2');
  });

  it('Ctrl+C on an operation it started: one DELETE, waits for cancelled, exits 130', async () => {
    server = await FakeApiServer.start({ cancelDelayMs: 30 });
    const run = cli('dummy', '--steps', '1000', '--step-ms', '10');
    await run.stderr.waitFor(/step 1\/1000/);
    run.signals.emit('SIGINT');
    expect(await run.done).toBe(130);
    expect(run.stderr.text).toMatch(/Cancelling op_dummy_\w+… \(Ctrl\+C again to stop waiting\)/);
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]!.body).toEqual({ reason: CLI_CANCEL_REASON });
    expect(onlyOperation().record.status).toBe('cancelled');
    expect(run.stdout.text).toMatch(/cancelled after \S+ \(cancelled from the CLI/);
  });

  it('a second Ctrl+C stops waiting at once, without a second DELETE', async () => {
    server = await FakeApiServer.start({ cancelDelayMs: 60_000 });
    const run = cli('dummy', '--steps', '1000', '--step-ms', '10');
    await run.stderr.waitFor(/step 1\/1000/);
    run.signals.emit('SIGINT');
    await run.stderr.waitFor(/Cancelling/);
    run.signals.emit('SIGINT');
    expect(await run.done).toBe(130);
    expect(deletes()).toHaveLength(1);
    expect(onlyOperation().record.status).toBe('cancelling');
    expect(run.stderr.text).toContain('Stopped watching');
    expect(run.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('a Ctrl+C while the operation is being started cancels it once it exists', async () => {
    server = await FakeApiServer.start({ cancelDelayMs: 5 });
    const run = cli('dummy', '--steps', '1000', '--step-ms', '10');
    run.signals.emit('SIGINT');
    expect(await run.done).toBe(130);
    expect(deletes()).toHaveLength(1);
    expect(onlyOperation().record.status).toBe('cancelled');
  });

  it('ops watch: Ctrl+C stops watching without cancelling (exit 130)', async () => {
    server = await FakeApiServer.start();
    const operation = server.add(FakeOperation.create());
    operation.runDummy(1000, 10);
    const run = cli('ops', 'watch', operation.record.operation_id);
    await run.stderr.waitFor(/step 1\/1000/);
    run.signals.emit('SIGINT');
    expect(await run.done).toBe(130);
    expect(deletes()).toHaveLength(0);
    expect(operation.record.status).toBe('running');
    expect(run.stderr.text).toContain('it keeps running');
  });

  it.each([
    ['completed', 0],
    ['failed', 1],
    ['cancelled', 130],
  ] as const)('ops watch on a %s operation exits %i', async (status, code) => {
    server = await FakeApiServer.start();
    const operation = server.add(FakeOperation.create({ status: 'running' }));
    operation.finish(status, {});
    const run = cli('ops', 'watch', operation.record.operation_id);
    expect(await run.done).toBe(code);
    expect(run.stdout.text).toContain(`${operation.record.operation_id} ${status}`);
  });

  it('reconnects after a dropped stream and still exits 0', async () => {
    server = await FakeApiServer.start({ dropFirstStreamAfter: 1 });
    const run = cli('dummy', '--steps', '3', '--step-ms', '10');
    expect(await run.done).toBe(0);
    expect(run.stderr.text).toMatch(/Connection lost .*; reconnecting \(attempt 1\)/);
    expect(server.requestsTo('GET', /\/events$/)[1]!.headers['last-event-id']).toBe('1');
  });

  it('ops watch of an unknown id exits 1 with the API message', async () => {
    server = await FakeApiServer.start();
    const run = cli('ops', 'watch', 'op_dummy_20240101_000000_00000bad');
    expect(await run.done).toBe(1);
    expect(run.stderr.text).toMatch(
      /error: operation \S+ not found \(HTTP 404 OPERATION_NOT_FOUND\)/,
    );
  });
});
