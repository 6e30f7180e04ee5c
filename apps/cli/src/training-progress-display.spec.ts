import type { ProgressSnapshot } from './api.types';
import { CapturedOutput } from './testing/captured-output';
import { createTrainingDisplay } from './training-progress-display';

// Escape sequences (ESC [ … letter, ESC 7/8) that cli-progress writes around each frame.
const ANSI_ESCAPE = new RegExp(String.raw`\x1b(\[[0-9;?]*[A-Za-z]|[78])`, 'g');

function snapshot(fields: Partial<ProgressSnapshot>): ProgressSnapshot {
  return {
    seq: 1,
    percentage: 0,
    message: '',
    step_name: 'training',
    steps_completed: 3,
    steps_total: 5,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}

class Terminal extends CapturedOutput {
  override isTTY = true;
  columns = 120;
  rows = 40;
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  clearScreenDown(): boolean {
    return true;
  }
}

describe('createTrainingDisplay', () => {
  // The two bars are redrawn on cli-progress's timer (10 frames a second).
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('on a terminal: the overall bar with message and ETA, and the batch bar of the epoch', () => {
    const out = new Terminal();
    const display = createTrainingDisplay(out, () => 0);
    display.update(
      snapshot({
        percentage: 42,
        message: 'Training MLP on AAPL [1h] · Epoch 3/10 · Batch 32/64',
        eta_seconds: 75,
        context: { epoch: 3, epochs: 10, batch: 32, batches: 64, loss: 0.123456, val_loss: 0.5 },
      }),
    );
    jest.advanceTimersByTime(150);
    display.log('epoch 2 done');
    jest.advanceTimersByTime(150);
    display.stop();
    const text = out.text.replace(ANSI_ESCAPE, '');
    expect(text).toContain(
      `${'█'.repeat(10)}${'░'.repeat(14)}  42% Training MLP on AAPL [1h] · Epoch 3/10 · Batch 32/64 · ETA 1m 15s`,
    );
    expect(text).toContain(
      `${'█'.repeat(12)}${'░'.repeat(12)}      Epoch 3/10 · Batch 32/64 · loss 0.1235 · val_loss 0.5000`,
    );
    expect(text).toContain('epoch 2 done\n');
  });

  it('shows no batch bar before the training phase, and nothing after stop', () => {
    const out = new Terminal();
    const display = createTrainingDisplay(out, () => 0);
    display.update(snapshot({ percentage: 5, step_name: 'loading_data', message: 'loading data' }));
    jest.advanceTimersByTime(150);
    display.stop();
    const written = out.text;
    display.update(
      snapshot({ percentage: 50, context: { epoch: 1, epochs: 2, batch: 1, batches: 2 } }),
    );
    expect(out.text).toBe(written);
    const text = written.replace(ANSI_ESCAPE, '');
    expect(text).toContain('  5% loading data');
    expect(text).not.toContain('Batch');
  });

  it('elsewhere: plain progress lines', () => {
    const out = new CapturedOutput();
    const display = createTrainingDisplay(out, () => 0);
    display.update(
      snapshot({ percentage: 42, message: 'Training MLP · Epoch 3/10 · Batch 32/64' }),
    );
    display.stop();
    expect(out.text).toBe('[ 42%] Training MLP · Epoch 3/10 · Batch 32/64\n');
  });
});
