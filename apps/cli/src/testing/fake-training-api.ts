import type { ServerResponse } from 'node:http';
import type { StrategyDetail, StrategySummary, StrategyValidation } from '../api.types';
import { FakeApiServer } from './fake-api-server';
import { sendJson, type RecordedRequest } from './fake-http';
import { FakeOperation } from './fake-operation';
import { ForwardingFakeApi } from './forwarding-fake-api';

/** A training the fake runs: epochs × batches progress events, `stepMs` apart. */
export interface FakeTrainingOptions {
  epochs?: number;
  batches?: number;
  stepMs?: number;
}

/** The fake's strategies: one valid, one with problems. */
export const FAKE_STRATEGIES: StrategyDetail[] = [
  {
    name: 'rsi_mlp',
    description: 'RSI on AAPL',
    valid: true,
    problems: [],
    symbols: ['AAPL'],
    timeframes: ['1h'],
    yaml: 'name: rsi_mlp\n',
  },
  {
    name: 'broken',
    valid: false,
    problems: [{ path: 'indicators[0].period', message: 'must be ≥ 2' }],
    yaml: 'name: broken\n',
  },
];

/**
 * Plays the API's training routes (`/trainings`, `/strategies…`) for CLI tests and forwards
 * everything else (operations, their event streams, cancels) to a {@link FakeApiServer}. A
 * started training reports `Epoch e/E · Batch b/B` progress like the real bridge, then
 * completes with a training result.
 */
export class FakeTrainingApi extends ForwardingFakeApi {
  private constructor(
    operations: FakeApiServer,
    private readonly options: FakeTrainingOptions,
  ) {
    super(operations, options.stepMs ?? 5);
  }

  static async start(options: FakeTrainingOptions = {}): Promise<FakeTrainingApi> {
    return new FakeTrainingApi(await FakeApiServer.start(), options).listen();
  }

  protected override owns(path: string): boolean {
    return /^\/api\/v1\/(trainings|strategies)/.test(path);
  }

  protected override route(request: RecordedRequest, raw: string, res: ServerResponse): void {
    const { method, path, body } = request;
    if (method === 'POST' && path === '/api/v1/trainings') return this.train(body, res);
    if (method === 'POST' && path === '/api/v1/strategies/validate') {
      const name = /^name:\s*(\S+)/m.exec(raw)?.[1] ?? null;
      const known = FAKE_STRATEGIES.find((s) => s.name === name);
      const validation: StrategyValidation = {
        name,
        valid: known?.valid ?? false,
        problems: known?.problems ?? [{ path: 'name', message: 'unknown' }],
      };
      return sendJson(res, 200, validation);
    }
    if (path === '/api/v1/strategies') {
      return sendJson(res, 200, FAKE_STRATEGIES.map(summaryOf));
    }
    const name = decodeURIComponent(path.split('/').at(-1) ?? '');
    const detail = FAKE_STRATEGIES.find((s) => s.name === name);
    if (!detail) return sendJson(res, 404, { code: 'STRATEGY_NOT_FOUND', message: `no ${name}` });
    return sendJson(res, 200, detail);
  }

  private train(body: unknown, res: ServerResponse): void {
    const { strategy_name: strategy = '' } = (body ?? {}) as { strategy_name?: string };
    if (!FAKE_STRATEGIES.some((s) => s.name === strategy && s.valid)) {
      return sendJson(res, 404, { code: 'STRATEGY_NOT_FOUND', message: `no ${strategy}` });
    }
    const operation = this.operations.add(FakeOperation.create({ operation_type: 'training' }));
    operation.record.status = 'running';
    const { epochs = 2, batches = 4 } = this.options;
    let done = 0;
    const tick = (): void => {
      if (operation.record.status !== 'running') return;
      done += 1;
      const epoch = Math.ceil(done / batches);
      const batch = done - (epoch - 1) * batches;
      operation.emitProgress({
        percentage: 10 + (85 * done) / (epochs * batches),
        message: `Training MLP on AAPL [1h] · Epoch ${epoch}/${epochs} · Batch ${batch}/${batches}`,
        step_name: 'training',
        eta_seconds: 1,
        context: { epoch, epochs, batch, batches, loss: 0.5 },
      });
      if (done < epochs * batches) return this.later(tick);
      operation.finish('completed', { result: trainingResult(strategy, epochs) });
    };
    this.later(tick);
    sendJson(res, 202, { operation_id: operation.record.operation_id, status: 'pending' });
  }
}

function summaryOf({
  yaml: _yaml,
  strategy: _strategy,
  ...summary
}: StrategyDetail): StrategySummary {
  return summary;
}

/** The fields of a training result the CLI prints. */
function trainingResult(strategy: string, epochs: number): Record<string, unknown> {
  return {
    session_info: {
      operation_id: 'op',
      session_id: null,
      strategy_name: strategy,
      symbols: ['AAPL'],
      timeframes: ['1h'],
    },
    artifacts: { model_path: `models/${strategy}/AAPL_1h_v1`, model_version: 'AAPL_1h_v1' },
    test_metrics: { loss: 0.91234, accuracy: 0.5, f1: 0.45 },
    training_metrics: { epochs_completed: epochs, early_stopped: false },
    resource_usage: { training_mode: 'local', backend: 'wasm', gpu_name: null },
    seed: 42,
  };
}
