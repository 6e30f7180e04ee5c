import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli } from '../testing/cli-harness';
import { FakeTrainingApi } from '../testing/fake-training-api';

describe('ktrdr models train | strategies', () => {
  let api: FakeTrainingApi;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-cli-train-'));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => startCli(['--api-url', api.baseUrl, ...args]);

  describe('models train', () => {
    it('starts the training with the options given, shows its progress and prints the model', async () => {
      api = await FakeTrainingApi.start({ epochs: 2, batches: 3 });
      const run = cli(
        'models',
        'train',
        'rsi_mlp',
        '--symbols',
        'aapl, msft',
        '--timeframes',
        '1h,4h',
        '--start',
        '2024-01-01',
        '--host',
      );
      expect(await run.done).toBe(0);
      expect(api.requests[0]).toMatchObject({
        method: 'POST',
        path: '/api/v1/trainings',
        body: {
          strategy_name: 'rsi_mlp',
          symbols: ['AAPL', 'MSFT'],
          timeframes: ['1h', '4h'],
          start_date: '2024-01-01',
          execution: 'host',
        },
      });
      expect(run.stderr.text).toContain('Epoch 1/2 · Batch 1/3');
      const out = run.stdout.text.split('\n');
      expect(out[0]).toMatch(/^op_training_\w+ completed in /);
      expect(out).toContain('model rsi_mlp/AAPL_1h_v1 (models/rsi_mlp/AAPL_1h_v1)');
      expect(out).toContain('test: accuracy 0.500 · f1 0.450 · loss 0.9123');
      expect(out).toContain('2 epochs · local · wasm · seed 42');
    });

    it('sends only what it was given: the strategy name and --local', async () => {
      api = await FakeTrainingApi.start({ epochs: 1, batches: 1 });
      const run = cli('models', 'train', 'rsi_mlp', '--local');
      expect(await run.done).toBe(0);
      expect(api.requests[0]!.body).toEqual({ strategy_name: 'rsi_mlp', execution: 'local' });
    });

    it('a strategy file is validated first and trained by its stem', async () => {
      api = await FakeTrainingApi.start({ epochs: 1, batches: 1 });
      const file = path.join(dir, 'rsi_mlp.yaml');
      writeFileSync(file, 'name: rsi_mlp\n');
      const run = cli('models', 'train', file);
      expect(await run.done).toBe(0);
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /api/v1/strategies/validate',
        'POST /api/v1/trainings',
      ]);
      expect(api.requests[0]!.body).toBe('name: rsi_mlp\n');
    });

    it('an invalid strategy file prints every problem, exits 1 and starts nothing', async () => {
      api = await FakeTrainingApi.start();
      const file = path.join(dir, 'broken.yaml');
      writeFileSync(file, 'name: broken\n');
      const run = cli('models', 'train', file);
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toContain('broken: INVALID\n  indicators[0].period: must be ≥ 2');
      expect(api.requests.filter((r) => r.path === '/api/v1/trainings')).toEqual([]);
    });

    it.each([
      [['rsi_mlp', '--host', '--local'], /--host and --local exclude each other/],
      [['rsi_mlp', '--symbols', ' , '], /Give at least one value/],
      [
        ['rsi_mlp', '--start', '2024-03-01', '--end', '2024-02-01'],
        /--start \(2024-03-01\) must be before --end/,
      ],
    ])('%j is a usage error (exit 2) caught before any request', async (args, message) => {
      api = await FakeTrainingApi.start();
      const run = cli('models', 'train', ...args);
      expect(await run.done).toBe(2);
      expect(run.stderr.text).toMatch(message);
      expect(api.requests).toEqual([]);
    });

    it('an unknown strategy exits 1 with the API code', async () => {
      api = await FakeTrainingApi.start();
      const run = cli('models', 'train', 'nope');
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toMatch(/no nope.*STRATEGY_NOT_FOUND/);
    });

    it('Ctrl+C cancels the training and waits for it to end (exit 130)', async () => {
      api = await FakeTrainingApi.start({ epochs: 50, batches: 10, stepMs: 20 });
      const run = cli('models', 'train', 'rsi_mlp');
      await run.stderr.waitFor(/Epoch 1\/50/);
      run.signals.emit('SIGINT');
      expect(await run.done).toBe(130);
      expect(
        api.operations.requestsTo('DELETE', /^\/api\/v1\/operations\/op_training_/),
      ).toHaveLength(1);
      expect(run.stderr.text).toContain('Cancelling op_training_');
      expect(run.stdout.text).toMatch(/^op_training_\w+ cancelled after /);
    });
  });

  describe('strategies', () => {
    it('list prints a table with validity', async () => {
      api = await FakeTrainingApi.start();
      const run = cli('strategies', 'list');
      expect(await run.done).toBe(0);
      const lines = run.stdout.text.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+VALID\s+SYMBOLS\s+TIMEFRAMES\s+DESCRIPTION$/);
      expect(lines.some((l) => /^rsi_mlp\s+yes\s+AAPL\s+1h\s+RSI on AAPL$/.test(l))).toBe(true);
      expect(lines.some((l) => /^broken\s+no \(1 problem\)/.test(l))).toBe(true);
    });

    it('show of an invalid strategy lists its problems and exits 1; --yaml prints the file', async () => {
      api = await FakeTrainingApi.start();
      const run = cli('strategies', 'show', 'broken');
      expect(await run.done).toBe(1);
      expect(run.stdout.text).toBe('broken: INVALID\n  indicators[0].period: must be ≥ 2\n');
      const yaml = cli('strategies', 'show', 'rsi_mlp', '--yaml');
      expect(await yaml.done).toBe(0);
      expect(yaml.stdout.text).toBe('name: rsi_mlp\n');
    });

    it('validate sends the file text and exits by its validity', async () => {
      api = await FakeTrainingApi.start();
      const good = path.join(dir, 'good.yaml');
      writeFileSync(good, 'name: rsi_mlp\n');
      const ok = cli('strategies', 'validate', good);
      expect(await ok.done).toBe(0);
      expect(ok.stdout.text).toBe('rsi_mlp: valid\n');
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'name: broken\n');
      const failed = cli('strategies', 'validate', bad);
      expect(await failed.done).toBe(1);
      expect(failed.stdout.text).toContain('indicators[0].period: must be ≥ 2');
    });
  });
});
