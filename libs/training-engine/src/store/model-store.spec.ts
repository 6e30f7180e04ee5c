import { mkdtemp, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStrategy } from '../strategy/strategy-parser';
import { syntheticSeries } from '../testing/series-fixtures';
import { strategyYaml } from '../testing/strategy-fixtures';
import { runTrainingJob } from '../worker/training-job';
import { InvalidModelVersionError, ModelNotFoundError, ModelStore } from './model-store';
import { predictWithModel } from './predict-with-model';

jest.setTimeout(30_000);

const parsed = parseStrategy(strategyYaml({ epochs: 2 }));
if (!parsed.ok) throw new Error('fixture');
const strategy = parsed.strategy;
const series = [syntheticSeries('AAPL', '1h', '2023-01-01', '2023-07-01')];

describe('ModelStore', () => {
  let root: string;
  let artifacts: string;
  let store: ModelStore;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ktrdr-models-'));
    artifacts = path.join(root, 'run');
    await import('node:fs/promises').then((fs) => fs.mkdir(artifacts));
    await runTrainingJob(
      { strategy, series, backend: 'cpu', outputDir: artifacts },
      { shouldStop: () => false, onEvent: () => undefined },
    );
    store = new ModelStore(path.join(root, 'models'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const publish = () =>
    store.publish({
      strategy: 'rsi_test',
      symbols: ['AAPL'],
      timeframes: ['1h'],
      sourceDir: artifacts,
    });

  it('publishes numbered versions atomically and moves latest; remove moves it back', async () => {
    const v1 = await publish();
    const v2 = await publish();
    expect([v1.version, v2.version]).toEqual(['AAPL_1h_v1', 'AAPL_1h_v2']);
    expect(v2).toMatchObject({ number: 2, is_latest: true, symbols: ['AAPL'], input_size: 15 });
    expect(v2.feature_names).toHaveLength(15);
    expect((await readFile(path.join(root, 'models/rsi_test/latest'), 'utf8')).trim()).toBe(
      'AAPL_1h_v2',
    );
    expect((await store.list()).map((m) => [m.version, m.is_latest])).toEqual([
      ['AAPL_1h_v1', false],
      ['AAPL_1h_v2', true],
    ]);
    // nothing temporary left behind
    expect((await readdir(path.join(root, 'models/rsi_test'))).sort()).toEqual([
      'AAPL_1h_v1',
      'AAPL_1h_v2',
      'latest',
    ]);

    await store.remove('rsi_test', 'AAPL_1h_v2');
    expect((await store.get('rsi_test', 'AAPL_1h_v1')).is_latest).toBe(true);
    await expect(store.get('rsi_test', 'AAPL_1h_v2')).rejects.toBeInstanceOf(ModelNotFoundError);
    await store.remove('rsi_test', 'AAPL_1h_v1');
    expect(await store.latest('rsi_test')).toBeUndefined();
    expect(await store.list('rsi_test')).toEqual([]);
  });

  it("keeps the training's curves and operation: one version's GET has them, the list not", async () => {
    const v = await store.publish({
      strategy: 'rsi_curves',
      symbols: ['AAPL'],
      timeframes: ['1h'],
      sourceDir: artifacts,
      operationId: 'op_0123456789ab',
    });
    expect(v.operation_id).toBe('op_0123456789ab');
    expect(v.training_history.map((e) => e.epoch)).toEqual([1, 2]);
    for (const epoch of v.training_history) {
      expect(epoch).toEqual({
        epoch: expect.any(Number) as number,
        epochs: 2,
        train_loss: expect.any(Number) as number,
        val_loss: expect.any(Number) as number,
        train_accuracy: expect.any(Number) as number,
        val_accuracy: expect.any(Number) as number,
      });
    }
    const last = v.training_history[1]!;
    expect(v.training_metrics.epochs_completed).toBe(2);
    expect([last.train_loss, last.val_loss]).not.toContain(Number.NaN);
    const [listed] = await store.list('rsi_curves');
    expect(listed).toMatchObject({ version: v.version, operation_id: 'op_0123456789ab' });
    expect(listed).not.toHaveProperty('training_history');
  });

  it('refuses names that would escape the models folder', async () => {
    for (const [s, v] of [
      ['..', 'AAPL_1h_v1'],
      ['rsi_test', '../../etc'],
      ['a/b', 'AAPL_1h_v1'],
      ['rsi_test', 'AAPL_1h_v0'],
    ]) {
      await expect(store.get(s!, v!)).rejects.toBeInstanceOf(InvalidModelVersionError);
      await expect(store.remove(s!, v!)).rejects.toBeInstanceOf(InvalidModelVersionError);
    }
    await expect(
      store.publish({
        strategy: '../x',
        symbols: ['AAPL'],
        timeframes: ['1h'],
        sourceDir: artifacts,
      }),
    ).rejects.toBeInstanceOf(InvalidModelVersionError);
    await expect(store.remove('rsi_test', 'AAPL_1h_v9')).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('a failed publish leaves no version and no temp folder', async () => {
    const broken = path.join(root, 'broken');
    await import('node:fs/promises').then((fs) => fs.cp(artifacts, broken, { recursive: true }));
    await unlink(path.join(broken, 'metadata.json'));
    await expect(
      store.publish({
        strategy: 'other',
        symbols: ['AAPL'],
        timeframes: ['1h'],
        sourceDir: broken,
      }),
    ).rejects.toThrow();
    expect(await readdir(path.join(root, 'models/other'))).toEqual([]);
  });

  it('predicts with a stored model, leaving out the warm-up bars', async () => {
    const info = await publish();
    const bars = [syntheticSeries('AAPL', '1h', '2023-07-01', '2023-08-01')];
    const out = await predictWithModel(info, bars);
    expect(out.t.length).toBeGreaterThan(50);
    expect(out.t.length).toBeLessThan(bars[0]!.bars.t.length);
    expect(out.t[0]).toBe(bars[0]!.bars.t[bars[0]!.bars.t.length - out.t.length]);
    out.t.forEach((_, i) => {
      expect(out.p_buy[i]! + out.p_hold[i]! + out.p_sell[i]!).toBeCloseTo(1, 5);
      expect(['BUY', 'HOLD', 'SELL']).toContain(out.signal[i]);
    });
  });
});
