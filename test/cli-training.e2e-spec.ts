import { spawn } from 'node:child_process';
import path from 'node:path';
import { ktrdr } from './support/cli-process';
import { ROOT, spawnService, tempDir, type RunningService } from './support/spawn-service';

jest.setTimeout(120_000);

const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
/** The terminal escape that starts cli-progress's redraws (cursor to column 1). */
const ESC = String.fromCharCode(27);

/** `ktrdr models …` against the real API (local worker, WebAssembly backend, synthetic bars). */
describe('ktrdr models against the real API', () => {
  let api: RunningService;
  let data: { dir: string; remove: () => void };
  let version = '';

  beforeAll(async () => {
    data = tempDir('ktrdr-cli-training-e2e-');
    api = await spawnService('dist/src/main.js', {
      DATA_DIR: data.dir,
      MODELS_DIR: path.join(data.dir, 'models'),
      STRATEGIES_DIR: path.join(ROOT, 'strategies'),
      TFJS_BACKEND: 'wasm',
      API_KEY: undefined,
      USE_TRAINING_HOST_SERVICE: undefined,
    });
  });
  afterAll(async () => {
    await api?.stop();
    data?.remove();
  });

  it('models train rsi_mlp completes: progress lines (not a TTY), then the summary', async () => {
    // Five years of hourly bars: a training phase of several seconds, so the line display (one
    // line per step change, else at most one a second) prints epoch lines; the example's one
    // year trains in well under a second once the backend is warm.
    const cli = ktrdr(api.url, ['models', 'train', 'rsi_mlp', '--start', '2020-01-01']);
    expect(await cli.exited).toBe(0);
    const err = cli.stderr();
    expect(err).toMatch(/^Started op_training_\w+ \(Ctrl\+C cancels it\)$/m);
    expect(err).toMatch(
      /^\[\s*\d+%\] Training MLP on AAPL \[1h\] · Epoch \d+\/10 · Batch \d+\/\d+/m,
    );
    expect(err).toMatch(/^\[100%\] /m);
    const out = cli.stdout();
    const match = /^model rsi_mlp\/(AAPL_1h_v\d+) \(/m.exec(out);
    expect(match).not.toBeNull();
    version = match?.[1] ?? '';
    expect(out).toMatch(/^test: accuracy \d\.\d{3} · f1 \d\.\d{3} · loss \d+\.\d{4}$/m);
    expect(out).toMatch(/^10 epochs · local · wasm · seed 42$/m);
  });

  it('on a terminal it draws two bars: the overall one and the batch bar of the epoch', async () => {
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    const proc = spawn(
      'script',
      ['-qec', `${process.execPath} ${CLI} models train rsi_mlp`, '/dev/null'],
      {
        cwd: ROOT,
        env: { ...process.env, KTRDR_API_URL: api.url, KTRDR_API_KEY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let screen = '';
    proc.stdout.on('data', (chunk: Buffer) => (screen += String(chunk)));
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(0);
    const lines = screen.split(new RegExp(`\\r|\\n|${ESC}\\[1G`));
    expect(lines).toContainEqual(
      expect.stringMatching(/^[█░]{24} +\d+% Training MLP on AAPL \[1h\]/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^[█░]{24} +Epoch \d+\/10 · Batch \d+\/\d+ · loss /),
    );
    expect(screen).toMatch(/model rsi_mlp\/AAPL_1h_v\d+/);
  });

  it('models list and models predict show the trained version', async () => {
    const list = ktrdr(api.url, ['models', 'list', '--strategy', 'rsi_mlp']);
    expect(await list.exited).toBe(0);
    const rows = list.stdout().trimEnd().split('\n');
    expect(rows[0]).toMatch(
      /^STRATEGY\s+VERSION\s+LATEST\s+TEST ACC\s+TEST F1\s+EPOCHS\s+CREATED$/,
    );
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^rsi_mlp\\s+${version}\\s`)));
    expect(rows).toHaveLength(3); // header + the two versions trained above

    const predict = ktrdr(api.url, [
      'models',
      'predict',
      'rsi_mlp',
      version,
      '--symbol',
      'AAPL',
      '--timeframe',
      '1h',
      '--start',
      '2024-12-02',
      '--end',
      '2024-12-31',
      '--limit',
      '5',
    ]);
    expect(await predict.exited).toBe(0);
    const lines = predict.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^rsi_mlp/${version} on AAPL 1h: \\d+ predictions \\(BUY \\d+, HOLD \\d+, SELL \\d+\\)$`,
      ),
    );
    expect(lines[1]).toMatch(/^TIME \(UTC\)\s+SIGNAL\s+P_BUY\s+P_HOLD\s+P_SELL$/);
    expect(lines.slice(2)).toHaveLength(5);
    lines
      .slice(2)
      .forEach((line) =>
        expect(line).toMatch(/^2024-12-\d\d \d\d:\d\d\s+(BUY|HOLD|SELL)\s+0\.\d{3}/),
      );

    const unknown = ktrdr(api.url, ['models', 'show', 'rsi_mlp', 'AAPL_1h_v999']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr()).toMatch(/MODEL_NOT_FOUND/);
  });

  it('Ctrl+C (SIGINT) cancels the training, waits for cancelled and exits 130', async () => {
    const cli = ktrdr(api.url, ['models', 'train', 'multi_symbol_mlp']);
    const [, id] = await cli.waitForStderr(/Started (op_training_\w+)/);
    await cli.waitForStderr(/Epoch \d+\/\d+ · Batch/);
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    const res = await fetch(`${api.url}/api/v1/operations/${id}`);
    expect(((await res.json()) as { status: string }).status).toBe('cancelled');
    const models = await fetch(`${api.url}/api/v1/models?strategy=multi_symbol_mlp`);
    expect(((await models.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
