import { ProgressReporter, type ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { TrainingEvent, TrainingProgressContext } from '@ktrdr/training-engine';
import { TrainingProgressBridge } from './training-progress.bridge';
import { TrainingProgressRenderer } from './training-progress.renderer';

const BASE: TrainingProgressContext = {
  strategy_name: 'rsi_mlp',
  model_type: 'mlp',
  symbols: ['AAPL'],
  timeframes: ['1h'],
  venue: 'local',
};

function setup(batchEvery = 10) {
  const snapshots: ProgressSnapshot[] = [];
  const metrics: Record<string, unknown>[] = [];
  const progress = new ProgressReporter({
    renderer: new TrainingProgressRenderer(),
    onUpdate: (s) => snapshots.push(s),
  });
  const bridge = new TrainingProgressBridge(
    { progress, appendMetrics: (entry) => Promise.resolve(void metrics.push(entry)) },
    BASE,
    { batchEvery },
  );
  return { bridge, snapshots, metrics, progress };
}

function* epochEvents(epochs: number, batches: number): Generator<TrainingEvent> {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let batch = 1; batch <= batches; batch++) {
      yield { type: 'batch', epoch, epochs, batch, batches, loss: 1 / batch, accuracy: 0.5, at: 0 };
    }
    yield {
      type: 'epoch',
      epoch,
      epochs,
      train_loss: 1 / epoch,
      val_loss: 1.1 / epoch,
      train_accuracy: 0.5,
      val_accuracy: 0.4,
    };
  }
}

describe('TrainingProgressBridge', () => {
  it('keeps each phase inside its range: 0–2, 2–8, 8–10, 10–95, 95–100', () => {
    const { bridge, snapshots, progress } = setup();
    const pct = () => progress.snapshot()!.percentage;
    expect(pct()).toBe(0);
    bridge.loading(0, 2);
    expect(pct()).toBe(2);
    bridge.loading(1, 2, 0.5);
    expect(pct()).toBeCloseTo(2 + 6 * 0.75);
    bridge.loading(2, 2);
    expect(pct()).toBe(8);
    bridge.onEvent({ type: 'phase', phase: 'features' });
    expect(pct()).toBe(8);
    bridge.onEvent({ type: 'phase', phase: 'training' });
    expect(pct()).toBe(10);
    const events = [...epochEvents(4, 20)];
    events.slice(0, 2 * 21).forEach((e) => bridge.onEvent(e)); // two full epochs
    expect(pct()).toBeCloseTo(10 + 85 * 0.5);
    events.slice(2 * 21).forEach((e) => bridge.onEvent(e));
    expect(pct()).toBeCloseTo(95);
    bridge.onEvent({ type: 'phase', phase: 'evaluating' });
    bridge.onEvent({ type: 'phase', phase: 'saving' });
    expect(pct()).toBeCloseTo(97.5);
    for (const s of snapshots) {
      const range = {
        preparing: [0, 2],
        loading_data: [2, 8],
        computing_features: [8, 10],
        training: [10, 95],
        evaluating_saving: [95, 100],
      }[s.step_name!]!;
      expect(s.percentage).toBeGreaterThanOrEqual(range[0]!);
      expect(s.percentage).toBeLessThanOrEqual(range[1]!);
    }
  });

  it('reports the first, every Nth and the last batch of each epoch, and every epoch', () => {
    const { bridge, snapshots } = setup(5);
    bridge.onEvent({ type: 'phase', phase: 'training' });
    const before = snapshots.length;
    [...epochEvents(2, 12)].forEach((e) => bridge.onEvent(e));
    const reported = snapshots
      .slice(before)
      .map((s) => `${String(s.context.epoch)}:${String(s.context.batch)}`);
    // batches 1, 5, 10, 12 then the epoch event (same batch context) per epoch
    expect(reported).toEqual([
      '1:1',
      '1:5',
      '1:10',
      '1:12',
      '1:12',
      '2:1',
      '2:5',
      '2:10',
      '2:12',
      '2:12',
    ]);
    const last = snapshots.at(-1)!;
    expect(last.items_processed).toBe(24);
    expect(last.items_total).toBe(24);
    expect(last.message).toBe('Training MLP on AAPL [1h] · Epoch 2/2 · Batch 12/12');
  });

  it('appends each epoch to the metrics, in order, and keeps the partial history', async () => {
    const { bridge, metrics } = setup();
    [...epochEvents(3, 4)].forEach((e) => bridge.onEvent(e));
    await bridge.flush();
    expect(metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(metrics[1]).toEqual({
      epoch: 2,
      epochs: 3,
      train_loss: 0.5,
      val_loss: 0.55,
      train_accuracy: 0.5,
      val_accuracy: 0.4,
    });
    expect(bridge.partialResult()).toMatchObject({ epochs_completed: 3 });
    expect(bridge.partialResult().history[2]).toEqual({
      epoch: 3,
      train_loss: 1 / 3,
      val_loss: 1.1 / 3,
      train_accuracy: 0.5,
      val_accuracy: 0.4,
    });
  });

  it('puts the backend and GPU in the context (and the GPU in the message)', () => {
    const { bridge, snapshots } = setup();
    bridge.onEvent({ type: 'backend', backend: 'tensorflow-gpu', gpu_name: 'RTX 3090' });
    expect(snapshots.at(-1)!.context).toMatchObject({
      backend: 'tensorflow-gpu',
      gpu_name: 'RTX 3090',
    });
    expect(snapshots.at(-1)!.message).toMatch(/ · RTX 3090$/);
  });

  it('flush rethrows a failed metrics write', async () => {
    const progress = new ProgressReporter();
    const bridge = new TrainingProgressBridge(
      { progress, appendMetrics: () => Promise.reject(new Error('disk full')) },
      BASE,
    );
    [...epochEvents(1, 1)].forEach((e) => bridge.onEvent(e));
    await expect(bridge.flush()).rejects.toThrow('disk full');
  });
});
