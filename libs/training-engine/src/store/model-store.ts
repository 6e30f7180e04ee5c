import { copyFile, mkdir, mkdtemp, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@ktrdr/market-data';
import { STRATEGY_NAME_PATTERN } from '../strategy/strategy-parser';
import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type {
  EpochMetrics,
  ModelVersionDetail,
  ModelVersionInfo,
  PublishModelInput,
} from './model-store.types';

/** No such strategy / version in the store. */
export class ModelNotFoundError extends TrainingEngineError {
  constructor(strategy: string, version?: string) {
    super(
      TrainingEngineErrorCode.MODEL_NOT_FOUND,
      version === undefined
        ? `No model for strategy '${strategy}'`
        : `Model '${strategy}/${version}' not found`,
    );
  }
}

/** A version (or strategy) name that is malformed or would escape the models folder. */
export class InvalidModelVersionError extends TrainingEngineError {
  constructor(message: string) {
    super(TrainingEngineErrorCode.INVALID_MODEL_VERSION, message);
  }
}

const LATEST = 'latest';
const VERSION_PATTERN = /^([A-Za-z0-9][A-Za-z0-9-]*_[A-Za-z0-9-]+)_v([1-9][0-9]*)$/;

/**
 * The model registry on disk: `{modelsDir}/{strategy}/{SYMBOLS}_{TFS}_v{N}/` holding the tfjs
 * model, `config.json`, `metrics.json`, `metadata.json`, and a `latest` pointer file per
 * strategy. Versions appear atomically (copied and fsynced into a temp folder inside the
 * strategy folder, then renamed); names are validated so nothing escapes `modelsDir`.
 */
export class ModelStore {
  readonly modelsDir: string;

  constructor(modelsDir: string) {
    this.modelsDir = path.resolve(modelsDir);
  }

  /** Publishes a finished run's artifact folder as the strategy's next version (and latest). */
  async publish(input: PublishModelInput): Promise<ModelVersionDetail> {
    const strategyDir = this.strategyDir(input.strategy);
    await mkdir(strategyDir, { recursive: true });
    const prefix = `${input.symbols.map(clean).join('-')}_${input.timeframes.map(clean).join('-')}`;
    if (!VERSION_PATTERN.test(`${prefix}_v1`)) {
      throw new InvalidModelVersionError(
        `Cannot name a version from symbols/timeframes '${prefix}'`,
      );
    }
    const temp = await mkdtemp(path.join(strategyDir, '.publishing-'));
    try {
      for (const name of await readdir(input.sourceDir)) {
        await copyFile(path.join(input.sourceDir, name), path.join(temp, name));
        await fsyncPath(path.join(temp, name));
      }
      const metadataFile = path.join(temp, 'metadata.json');
      const metadata = (await readJson(metadataFile)) as Record<string, unknown>;
      await writeFileAtomic(metadataFile, [
        JSON.stringify(
          {
            ...metadata,
            symbols: input.symbols,
            timeframes: input.timeframes,
            operation_id: input.operationId ?? null,
          },
          null,
          2,
        ),
      ]);
      await fsyncPath(temp);
      // Another publish may take the same number at the same moment: the rename then fails
      // because the target exists, and we take the next one.
      for (let attempt = 0; ; attempt++) {
        const number = (await this.highestNumber(input.strategy, prefix)) + 1;
        const version = `${prefix}_v${number}`;
        try {
          await rename(temp, path.join(strategyDir, version));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (attempt < 5 && (code === 'ENOTEMPTY' || code === 'EEXIST')) continue;
          throw e;
        }
        await fsyncPath(strategyDir);
        await this.setLatest(input.strategy, version);
        return this.get(input.strategy, version);
      }
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      throw e;
    }
  }

  /** Every version (of one strategy, or all), oldest number first per strategy. */
  async list(strategy?: string): Promise<ModelVersionInfo[]> {
    const strategies = strategy === undefined ? await dirNames(this.modelsDir) : [strategy];
    const out: ModelVersionInfo[] = [];
    for (const s of strategies) {
      if (!STRATEGY_NAME_PATTERN.test(s)) continue;
      for (const v of await this.versions(s)) {
        // The list stays light: the curves come with one version's GET.
        const { training_history: _history, ...info } = await this.get(s, v);
        out.push(info);
      }
    }
    return out;
  }

  /**
   * One version with its training curves; throws {@link ModelNotFoundError} /
   * {@link InvalidModelVersionError}.
   */
  async get(strategy: string, version: string): Promise<ModelVersionDetail> {
    const dir = this.versionDir(strategy, version);
    let config: { feature_names: string[]; input_size: number };
    let metrics: {
      test_metrics: ModelVersionInfo['test_metrics'];
      training_metrics: ModelVersionInfo['training_metrics'];
      epoch_history?: EpochMetrics[];
    };
    let metadata: {
      symbols: string[];
      timeframes: string[];
      created_at: string;
      operation_id?: string | null;
    };
    try {
      config = (await readJson(path.join(dir, 'config.json'))) as typeof config;
      metrics = (await readJson(path.join(dir, 'metrics.json'))) as typeof metrics;
      metadata = (await readJson(path.join(dir, 'metadata.json'))) as typeof metadata;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ModelNotFoundError(strategy, version);
      throw e;
    }
    return {
      strategy,
      version,
      number: Number(VERSION_PATTERN.exec(version)![2]),
      path: dir,
      created_at: metadata.created_at,
      symbols: metadata.symbols,
      timeframes: metadata.timeframes,
      feature_names: config.feature_names,
      input_size: config.input_size,
      test_metrics: metrics.test_metrics,
      training_metrics: metrics.training_metrics,
      is_latest: (await this.latest(strategy)) === version,
      operation_id: metadata.operation_id ?? null,
      training_history: metrics.epoch_history ?? [],
    };
  }

  /** Removes a version; when it was `latest`, the pointer moves to the newest one left. */
  async remove(strategy: string, version: string): Promise<void> {
    const dir = this.versionDir(strategy, version);
    const trash = path.join(
      this.strategyDir(strategy),
      `.removing-${version}-${process.pid}-${Date.now()}`,
    );
    try {
      await rename(dir, trash);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ModelNotFoundError(strategy, version);
      throw e;
    }
    if ((await this.latest(strategy)) === version) {
      const rest = await this.versions(strategy);
      const newest = rest.sort((a, b) => createdOrder(a, b)).at(-1);
      if (newest) await this.setLatest(strategy, newest);
      else await rm(path.join(this.strategyDir(strategy), LATEST), { force: true });
    }
    await rm(trash, { recursive: true, force: true });
  }

  /** The version `latest` points at, or undefined. */
  async latest(strategy: string): Promise<string | undefined> {
    try {
      const v = (await readFile(path.join(this.strategyDir(strategy), LATEST), 'utf8')).trim();
      return VERSION_PATTERN.test(v) ? v : undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private async setLatest(strategy: string, version: string): Promise<void> {
    await writeFileAtomic(path.join(this.strategyDir(strategy), LATEST), [`${version}\n`]);
  }

  private async versions(strategy: string): Promise<string[]> {
    const names = await dirNames(this.strategyDir(strategy));
    return names.filter((n) => VERSION_PATTERN.test(n)).sort(createdOrder);
  }

  private async highestNumber(strategy: string, prefix: string): Promise<number> {
    const numbers = (await this.versions(strategy))
      .map((v) => VERSION_PATTERN.exec(v)!)
      .filter((m) => m[1] === prefix)
      .map((m) => Number(m[2]));
    return Math.max(0, ...numbers);
  }

  private strategyDir(strategy: string): string {
    if (!STRATEGY_NAME_PATTERN.test(strategy)) {
      throw new InvalidModelVersionError(`Invalid strategy name '${strategy}'`);
    }
    return path.join(this.modelsDir, strategy);
  }

  private versionDir(strategy: string, version: string): string {
    if (!VERSION_PATTERN.test(version)) {
      throw new InvalidModelVersionError(
        `Invalid model version '${version}' (expected {SYMBOLS}_{TIMEFRAMES}_v{N})`,
      );
    }
    return path.join(this.strategyDir(strategy), version);
  }
}

function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9]/g, '');
}

function createdOrder(a: string, b: string): number {
  return (
    Number(VERSION_PATTERN.exec(a)![2]) - Number(VERSION_PATTERN.exec(b)![2]) || (a < b ? -1 : 1)
  );
}

async function dirNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
