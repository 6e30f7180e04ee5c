import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OperationLauncher } from '@ktrdr/operations';
import { StrategyCatalog } from '@ktrdr/training-engine';
import { AppConfig } from '../config';
import { TrainingService } from './training.service';

const VALID = `
name: good
training_data: { symbols: [AAPL], timeframes: [1h], start_date: '2024-01-01', end_date: '2024-06-30' }
indicators:
  - { name: rsi, type: rsi, period: 14 }
fuzzy_sets:
  rsi:
    low: { type: triangular, parameters: [0, 20, 40] }
model:
  type: mlp
  architecture: { hidden_layers: [8], activation: relu, dropout: 0.1 }
  features: { lookback_periods: 1 }
  training: { epochs: 2, batch_size: 32, learning_rate: 0.01, optimizer: adam }
training:
  labels: { source: zigzag, zigzag_threshold: 0.01 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`;

describe('TrainingService', () => {
  let dir: string;
  let launched: unknown[];
  let service: TrainingService;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-strategies-'));
    await writeFile(path.join(dir, 'good.yaml'), VALID);
    await writeFile(
      path.join(dir, 'bad.yaml'),
      VALID.replace('name: good', 'name: bad').replace('period: 14', 'period: -3'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  beforeEach(() => {
    launched = [];
    const launcher = {
      launch: (input: unknown) => {
        launched.push(input);
        return Promise.resolve({ operation_id: 'op_training_1', status: 'pending' });
      },
    } as unknown as OperationLauncher;
    service = new TrainingService(launcher, AppConfig.fromEnv({}), new StrategyCatalog(dir));
  });

  it('starts one operation with the resolved, frozen context', async () => {
    await expect(
      service.startTraining({
        strategy_name: 'good',
        symbols: ['msft', 'aapl'],
        timeframes: ['4h', '1h'],
      }),
    ).resolves.toEqual({ operation_id: 'op_training_1', status: 'pending' });
    expect(launched).toHaveLength(1);
    const { params } = launched[0] as { params: Record<string, unknown> };
    expect(params).toMatchObject({
      strategy_name: 'good',
      symbols: ['MSFT', 'AAPL'],
      timeframes: ['4h', '1h'],
      start_ms: Date.parse('2024-01-01'),
      end_ms: Date.parse('2024-06-30'),
      seed: 42,
      venue: { kind: 'local' },
    });
    expect(
      (params.strategy as { training_data: { base_timeframe: string } }).training_data
        .base_timeframe,
    ).toBe('1h');
    expect(Object.isFrozen(params)).toBe(true);
  });

  it.each([
    [{ strategy_name: 'missing' }, 'STRATEGY_NOT_FOUND'],
    [{ strategy_name: '../etc/passwd' }, 'INVALID_STRATEGY_NAME'],
    [{ strategy_name: 'bad' }, 'INVALID_STRATEGY'],
    [{ strategy_name: 'good', symbols: ['no good!'] }, 'INVALID_SYMBOL'],
    [{ strategy_name: 'good', timeframes: ['7m'] }, 'INVALID_TIMEFRAME'],
    [{ strategy_name: 'good', start_date: '2024-07-01' }, 'INVALID_DATE_RANGE'],
    [{ strategy_name: 'good', end_date: 'yesterday' }, 'INVALID_DATE_RANGE'],
    [{ strategy_name: 'good', execution: 'host' as const }, 'TRAINING_HOST_NOT_CONFIGURED'],
  ])('refuses %o with %s and creates no operation', async (dto, code) => {
    await expect(service.startTraining(dto)).rejects.toMatchObject({ code });
    expect(launched).toHaveLength(0);
  });

  it('lists every problem of an invalid strategy', async () => {
    const error = (await service
      .startTraining({ strategy_name: 'bad' })
      .catch((e: unknown) => e)) as {
      problems: { path: string }[];
    };
    expect(error.problems.map((p) => p.path)).toContain('indicators[0].period');
  });
});
