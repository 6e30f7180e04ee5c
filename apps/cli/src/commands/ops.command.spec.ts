import { startCli } from '../testing/cli-harness';
import { FakeApiServer } from '../testing/fake-api-server';
import { FakeOperation } from '../testing/fake-operation';

describe('ktrdr ops list|show|cancel', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });
  afterEach(() => server.close());

  const cli = (...args: string[]) => startCli(['--api-url', server.baseUrl, ...args]);

  function seed(): { done: FakeOperation; running: FakeOperation } {
    const done = server.add(FakeOperation.create({ operation_type: 'data_load' }));
    done.emitProgress({ percentage: 100, message: 'AAPL 1h: 500 bars' });
    done.finish('completed', { result: { bars: 500 } });
    const running = server.add(FakeOperation.create({ status: 'running' }));
    running.emitProgress({ percentage: 42.7, message: 'step 3/7', eta_seconds: 65 });
    return { done, running };
  }

  it('list prints a table, newest first, with a footer', async () => {
    const { done, running } = seed();
    const run = cli('ops', 'list');
    expect(await run.done).toBe(0);
    const lines = run.stdout.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+%\s+CREATED\s+MESSAGE$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${running.record.operation_id}\\s+dummy\\s+running\\s+42\\s+\\S+ \\S+\\s+step 3/7$`,
      ),
    );
    expect(lines[2]).toContain(done.record.operation_id);
    expect(lines[2]).toMatch(/data_load\s+completed\s+100/);
    expect(lines[3]).toBe('2 of 2 operation(s), 1 active');
  });

  it('list passes the filters to the API and --json prints its answer', async () => {
    seed();
    const run = cli('ops', 'list', '--status', 'completed', '--type', 'data_load', '--json');
    expect(await run.done).toBe(0);
    const query = server.requestsTo('GET', /\/operations$/)[0]!.query;
    expect(query.get('status')).toBe('completed');
    expect(query.get('operation_type')).toBe('data_load');
    const answer = JSON.parse(run.stdout.text);
    expect(answer).toMatchObject({ total: 1, active_count: 1 });
    expect(answer.items[0].operation_type).toBe('data_load');
  });

  it('list --active --limit --offset reach the query string', async () => {
    const run = cli('ops', 'list', '--active', '--limit', '5', '--offset', '10');
    expect(await run.done).toBe(0);
    const query = server.requestsTo('GET', /\/operations$/)[0]!.query;
    expect(Object.fromEntries(query)).toEqual({ active_only: 'true', limit: '5', offset: '10' });
  });

  it('show prints a readable block, --json the raw operation', async () => {
    const { running } = seed();
    const id = running.record.operation_id;
    const run = cli('ops', 'show', id);
    expect(await run.done).toBe(0);
    expect(run.stdout.text).toMatch(new RegExp(`^Operation\\s+${id}$`, 'm'));
    expect(run.stdout.text).toMatch(/^Status\s+running$/m);
    expect(run.stdout.text).toMatch(/^Progress\s+\[ 42%\] step 3\/7 · ETA 1m 05s$/m);
    const json = cli('ops', 'show', id, '--json');
    expect(await json.done).toBe(0);
    expect(JSON.parse(json.stdout.text)).toEqual(running.record);
  });

  it('show of an unknown id exits 1 with the API error', async () => {
    const run = cli('ops', 'show', 'op_dummy_20240101_000000_00000000');
    expect(await run.done).toBe(1);
    expect(run.stderr.text).toContain('(HTTP 404 OPERATION_NOT_FOUND)');
  });

  it('cancel sends the reason and exits 0 without --wait', async () => {
    const { running } = seed();
    const run = cli('ops', 'cancel', running.record.operation_id, '--reason', 'enough');
    expect(await run.done).toBe(0);
    expect(server.requestsTo('DELETE', /\/operations\//)[0]!.body).toEqual({ reason: 'enough' });
    expect(run.stderr.text).toContain('now cancelling');
  });

  it('cancel --wait watches until cancelled and exits 130', async () => {
    const operation = server.add(FakeOperation.create());
    operation.runDummy(1000, 10);
    const run = cli('ops', 'cancel', operation.record.operation_id, '--wait');
    expect(await run.done).toBe(130);
    expect(operation.record.status).toBe('cancelled');
    expect(run.stdout.text).toMatch(/cancelled after \S+ \(user request\)/);
  });

  it('cancel of a finished operation exits 1 with the 409 message', async () => {
    const { done } = seed();
    const run = cli('ops', 'cancel', done.record.operation_id);
    expect(await run.done).toBe(1);
    expect(run.stderr.text).toMatch(/already completed \(HTTP 409 OPERATION_ALREADY_FINISHED\)/);
    expect(done.record.status).toBe('completed');
  });

  describe('retry', () => {
    function failedDummy(): FakeOperation {
      const failed = server.add(
        FakeOperation.create({
          metadata: { parameters: { steps: 3, step_ms: 5 } },
          status: 'failed',
          error: { code: 'DUMMY_FAILURE', message: 'boom' },
        }),
      );
      return failed;
    }

    it('starts the operation again and watches the new one to its end (exit 0)', async () => {
      const failed = failedDummy();
      const run = cli('ops', 'retry', failed.record.operation_id);
      expect(await run.done).toBe(0);

      expect(server.requestsTo('POST', /\/retry$/).map((r) => r.path)).toEqual([
        `/api/v1/operations/${failed.record.operation_id}/retry`,
      ]);
      const retry = [...server.operations.values()].at(-1)!.record;
      expect(retry).toMatchObject({ retry_of: failed.record.operation_id, status: 'completed' });
      expect(run.stderr.text).toContain(`Started ${retry.operation_id} (Ctrl+C cancels it)`);
      expect(run.stdout.text).toMatch(new RegExp(`^${retry.operation_id} completed in `));
    });

    it('--no-watch prints only the new id', async () => {
      const failed = failedDummy();
      const run = cli('ops', 'retry', failed.record.operation_id, '--no-watch');
      expect(await run.done).toBe(0);
      const retry = [...server.operations.values()].at(-1)!.record;
      expect(retry.retry_of).toBe(failed.record.operation_id);
      expect(run.stdout.text).toBe(`${retry.operation_id}\n`);
      expect(server.requestsTo('GET', /\/events$/)).toEqual([]);
    });

    it('a completed operation exits 1 with the 409 message, and nothing starts', async () => {
      const { done } = seed();
      const run = cli('ops', 'retry', done.record.operation_id);
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toMatch(
        /cannot be retried: it is completed; .* \(HTTP 409 OPERATION_NOT_RETRYABLE\)/,
      );
      expect(server.operations.size).toBe(2);
    });

    it('show prints the operation it retries', async () => {
      const failed = failedDummy();
      const retry = server.add(FakeOperation.create({ retry_of: failed.record.operation_id }));
      const run = cli('ops', 'show', retry.record.operation_id);
      expect(await run.done).toBe(0);
      expect(run.stdout.text).toMatch(
        new RegExp(`^Retry of\\s+${failed.record.operation_id}$`, 'm'),
      );
    });
  });
});
