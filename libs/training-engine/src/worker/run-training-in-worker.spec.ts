import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TrainingEvent, TrainingJobRequest } from '../engine.types';
import { parseStrategy } from '../strategy/strategy-parser';
import { syntheticSeries } from '../testing/series-fixtures';
import { strategyYaml } from '../testing/strategy-fixtures';
import {
  TrainingCancelledError,
  TrainingWorkerError,
  runTrainingInWorker,
} from './run-training-in-worker';

jest.setTimeout(60_000);

function request(outputDir: string, epochs: number, to = '2024-04-01'): TrainingJobRequest {
  const r = parseStrategy(strategyYaml({ timeframes: ['1h', '4h'], epochs }));
  if (!r.ok) throw new Error('fixture');
  return {
    strategy: r.strategy,
    series: (['1h', '4h'] as const).map((tf) => syntheticSeries('AAPL', tf, '2023-01-01', to)),
    backend: 'cpu',
    outputDir,
  };
}

describe('runTrainingInWorker', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-train-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('trains, reports progress and writes the artifacts; the same seed gives the same metrics', async () => {
    const events: TrainingEvent[] = [];
    const result = await runTrainingInWorker(request(dir, 2), {
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    expect(events[0]).toEqual({ type: 'backend', backend: 'cpu', gpu_name: null });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.some((e) => e.type === 'batch')).toBe(true);
    expect(result.training_metrics.epochs_completed).toBe(2);
    expect(result.input_size).toBe(30);
    expect(result.feature_names[0]).toBe('1h_rsi_high');
    expect(result.seed).toBe(42);
    expect(result.test_metrics.confusion_matrix.flat().reduce((a, b) => a + b)).toBeGreaterThan(
      100,
    );
    expect((await readdir(dir)).sort()).toEqual([...result.files].sort());
    const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as {
      input_size: number;
    };
    expect(config.input_size).toBe(30);

    const again = await mkdtemp(path.join(tmpdir(), 'ktrdr-train-'));
    try {
      const second = await runTrainingInWorker(request(again, 2), {
        signal: new AbortController().signal,
        onEvent: () => undefined,
      });
      expect(second.test_metrics).toEqual(result.test_metrics);
      expect(second.training_metrics.final_val_loss).toBe(result.training_metrics.final_val_loss);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('cancels mid-epoch within one batch (+100 ms), with the epochs done so far', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    let abortedAtWall = 0;
    let batchMs = 0;
    let previousAt = 0;
    // Events cross a thread: ones the worker sent before the abort may be read after it, so
    // what counts is when each batch ended (its `at`), not when its event arrived.
    const endedAfterAbort: number[] = [];
    const err: unknown = await runTrainingInWorker(request(dir, 50), {
      signal: controller.signal,
      batchEventEvery: 1,
      batchEventMinMs: 0,
      onEvent: (e) => {
        if (e.type !== 'batch') return;
        if (previousAt > 0) batchMs = Math.max(batchMs, e.at - previousAt);
        previousAt = e.at;
        if (abortedAtWall > 0 && e.at > abortedAtWall) endedAfterAbort.push(e.batch);
        if (abortedAt === 0 && e.epoch === 2 && e.batch === 5) {
          abortedAt = performance.now();
          abortedAtWall = Date.now();
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    const latency = performance.now() - abortedAt;
    expect(err).toBeInstanceOf(TrainingCancelledError);
    expect((err as TrainingCancelledError).history).toHaveLength(1);
    expect(endedAfterAbort.length).toBeLessThanOrEqual(1);
    expect(latency).toBeLessThan(batchMs + 100);
  });

  it('a crashed worker (out of memory) rejects clearly and the next run works', async () => {
    const err: unknown = await runTrainingInWorker(request(dir, 1), {
      signal: new AbortController().signal,
      onEvent: () => undefined,
      resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingWorkerError);
    expect((err as Error).message).toMatch(/out of memory|crashed|exited/);

    const ok = await runTrainingInWorker(request(dir, 1), {
      signal: new AbortController().signal,
      onEvent: () => undefined,
    });
    expect(ok.training_metrics.epochs_completed).toBe(1);
  });

  it('rejects with NO_TRAINING_DATA when the bars are too few', async () => {
    const err: unknown = await runTrainingInWorker(request(dir, 1, '2023-01-03'), {
      signal: new AbortController().signal,
      onEvent: () => undefined,
    }).catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe('NO_TRAINING_DATA');
  });
});
