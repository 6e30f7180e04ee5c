import type { ProgressRenderState } from '@ktrdr/async-infrastructure';
import { TrainingProgressRenderer } from './training-progress.renderer';

function state(overrides: Partial<ProgressRenderState>): ProgressRenderState {
  return {
    percentage: 50,
    step_name: 'training',
    steps_completed: 3,
    steps_total: 5,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: {},
    detail: null,
    ...overrides,
  };
}

describe('TrainingProgressRenderer', () => {
  const renderer = new TrainingProgressRenderer();
  const base = {
    model_type: 'mlp',
    symbols: ['AAPL', 'MSFT', 'GOOG'],
    timeframes: ['1h', '4h'],
    epoch: 15,
    epochs: 50,
    batch: 342,
    batches: 640,
  };

  it('renders the example of training.md', () => {
    expect(renderer.render(state({ context: base }))).toBe(
      'Training MLP on AAPL, MSFT (+1 more) [1h, 4h] · Epoch 15/50 · Batch 342/640',
    );
  });

  it('ends with the GPU name on a GPU', () => {
    expect(renderer.render(state({ context: { ...base, gpu_name: 'RTX 3090' } }))).toBe(
      'Training MLP on AAPL, MSFT (+1 more) [1h, 4h] · Epoch 15/50 · Batch 342/640 · RTX 3090',
    );
  });

  it('names the phase outside training, and lists two symbols without "more"', () => {
    const context = { model_type: 'mlp', symbols: ['AAPL', 'MSFT'], timeframes: ['1h'] };
    expect(renderer.render(state({ step_name: 'loading_data', context }))).toBe(
      'Training MLP on AAPL, MSFT [1h] · loading data',
    );
    expect(
      renderer.render(state({ step_name: 'evaluating_saving', percentage: 100, context })),
    ).toBe('Training MLP on AAPL, MSFT [1h]');
  });

  it('shows the epoch without a batch before the first batch of it', () => {
    const context = {
      model_type: 'mlp',
      symbols: ['AAPL'],
      timeframes: ['1h'],
      epoch: 1,
      epochs: 5,
    };
    expect(renderer.render(state({ context }))).toBe('Training MLP on AAPL [1h] · Epoch 1/5');
  });
});
