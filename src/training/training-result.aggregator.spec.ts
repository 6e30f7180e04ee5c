import type { TrainingSessionResult } from '@ktrdr/training-engine';
import { aggregateTrainingResult } from './training-result.aggregator';
import { freezeTrainingContext } from './training-operation.context';
import { sampleJobResult, sampleModel } from './testing/sample-outcome';
import { sampleStrategy } from './testing/sample-strategy';

describe('aggregateTrainingResult', () => {
  const context = freezeTrainingContext({
    strategy: sampleStrategy(),
    strategy_name: 'rsi_mlp',
    symbols: ['AAPL'],
    timeframes: ['1h'],
    start_ms: 0,
    end_ms: 1,
    seed: 42,
    venue: { kind: 'local' },
  });
  const local = sampleJobResult();
  // What the training host answers for the same run: the engine result plus its session fields.
  const host: TrainingSessionResult = {
    ...local,
    session_id: 's1',
    strategy_name: 'rsi_mlp',
    symbols: ['AAPL'],
    timeframes: ['1h'],
    epoch_history: [],
    artifacts: [],
  };
  const model = sampleModel();

  it('gives both venues the same schema and the same metrics', () => {
    const a = aggregateTrainingResult({
      outcome: local,
      venue: 'local',
      operationId: 'op1',
      context,
      model,
    });
    const b = aggregateTrainingResult({
      outcome: host,
      venue: 'host',
      operationId: 'op1',
      sessionId: 's1',
      context,
      model,
    });
    const { session_info: sa, resource_usage: ra, ...restA } = a;
    const { session_info: sb, resource_usage: rb, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(Object.keys(ra).sort()).toEqual(Object.keys(rb).sort());
    expect({ ...ra, training_mode: 'host' }).toEqual(rb);
    expect(Object.keys(sa).sort()).toEqual(Object.keys(sb).sort());
    expect([sa.session_id, sb.session_id]).toEqual([null, 's1']);
    expect(Object.keys(a).sort()).toEqual([
      'artifacts',
      'resource_usage',
      'seed',
      'session_info',
      'test_metrics',
      'training_metrics',
    ]);
  });

  it('fills the unified fields: mode, backend, GPU, artifacts, session', () => {
    const result = aggregateTrainingResult({
      outcome: { ...local, backend: 'tensorflow-gpu', gpu_name: 'RTX 3090' },
      venue: 'host',
      operationId: 'op1',
      sessionId: 's1',
      context,
      model,
    });
    expect(result.resource_usage).toEqual({
      training_mode: 'host',
      backend: 'tensorflow-gpu',
      gpu_used: true,
      gpu_name: 'RTX 3090',
      peak_memory_mb: 180,
    });
    expect(result.artifacts).toEqual({ model_path: model.path, model_version: 'AAPL_1h_v1' });
    expect(result.session_info).toEqual({
      operation_id: 'op1',
      session_id: 's1',
      strategy_name: 'rsi_mlp',
      symbols: ['AAPL'],
      timeframes: ['1h'],
    });
    expect(result.test_metrics.accuracy).toBe(local.test_metrics.accuracy);
  });
});
