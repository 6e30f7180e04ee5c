import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strategyYaml } from '../testing/strategy-fixtures';
import {
  InvalidStrategyError,
  InvalidStrategyNameError,
  StrategyCatalog,
  StrategyNotFoundError,
} from './strategy-catalog';

describe('StrategyCatalog', () => {
  let dir: string;
  let catalog: StrategyCatalog;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-strategies-'));
    catalog = new StrategyCatalog(dir);
    await writeFile(path.join(dir, 'rsi_test.yaml'), strategyYaml());
    await writeFile(path.join(dir, 'broken.yaml'), 'name: broken\n');
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists valid and invalid files', async () => {
    const list = await catalog.list();
    expect(list.map((e) => [e.name, e.problems.length > 0])).toEqual([
      ['broken', true],
      ['rsi_test', false],
    ]);
    expect(list[1]!.description).toBe('RSI and SMA');
  });

  it('loads a valid strategy and rejects an invalid one with its problems', async () => {
    await expect(catalog.load('rsi_test')).resolves.toMatchObject({ name: 'rsi_test' });
    const err: unknown = await catalog.load('broken').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidStrategyError);
    expect((err as InvalidStrategyError).problems.length).toBeGreaterThan(3);
  });

  it('refuses names that could escape the folder, and reports missing ones', async () => {
    await expect(catalog.get('../etc/passwd')).rejects.toBeInstanceOf(InvalidStrategyNameError);
    await expect(catalog.get('.hidden')).rejects.toBeInstanceOf(InvalidStrategyNameError);
    await expect(catalog.get('missing')).rejects.toBeInstanceOf(StrategyNotFoundError);
  });

  it('answers an empty list for a missing folder', async () => {
    await expect(new StrategyCatalog(path.join(dir, 'nope')).list()).resolves.toEqual([]);
  });
});
