import type { ProgressSnapshot } from './api.types';
import { BarProgressDisplay } from './bar-progress-display';
import { LineProgressDisplay } from './line-progress-display';
import { createProgressDisplay } from './progress-display';
import { CapturedOutput } from './testing/captured-output';

// Escape sequences (ESC [ … letter, ESC 7/8) that cli-progress writes around each frame.
const ANSI_ESCAPE = new RegExp(String.raw`\x1b(\[[0-9;?]*[A-Za-z]|[78])`, 'g');

function snapshot(fields: Partial<ProgressSnapshot>): ProgressSnapshot {
  return {
    seq: 1,
    percentage: 0,
    message: '',
    step_name: 'load',
    steps_completed: 0,
    steps_total: 3,
    items_processed: null,
    items_total: null,
    current_item: null,
    eta_seconds: null,
    context: {},
    updated_at: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}

describe('LineProgressDisplay (non-TTY)', () => {
  let clock = 0;
  let out: CapturedOutput;
  let display: LineProgressDisplay;

  beforeEach(() => {
    clock = 0;
    out = new CapturedOutput();
    display = new LineProgressDisplay(out, () => clock);
  });

  const lines = () => out.text.trimEnd().split('\n');

  it('prints the first update and every step change at once', () => {
    display.update(snapshot({ percentage: 1, message: 'fetching' }));
    clock = 10;
    display.update(snapshot({ percentage: 40, message: 'saving', step_name: 'save' }));
    clock = 20;
    display.update(snapshot({ percentage: 70, steps_completed: 1, step_name: 'save' }));
    expect(lines()).toEqual(['[  1%] fetching', '[ 40%] saving', '[ 70%] Step 2/3: save']);
  });

  it('prints at most one line per second within a step, and none without a change', () => {
    display.update(snapshot({ percentage: 1 }));
    for (let ms = 100; ms <= 2500; ms += 100) {
      clock = ms;
      display.update(snapshot({ percentage: 1 + ms / 100, eta_seconds: 30 }));
    }
    expect(lines()).toEqual([
      '[  1%] Step 1/3: load',
      '[ 11%] Step 1/3: load · ETA 30s',
      '[ 21%] Step 1/3: load · ETA 30s',
    ]);
    clock = 5000;
    display.update(snapshot({ percentage: 21, eta_seconds: 30 }));
    expect(lines()).toHaveLength(3);
  });

  it('ignores updates after stop but still logs', () => {
    display.stop();
    display.update(snapshot({ percentage: 5 }));
    display.log('Cancelling op_x…');
    expect(out.text).toBe('Cancelling op_x…\n');
  });
});

describe('BarProgressDisplay (TTY)', () => {
  it('draws one live line with percentage, message and ETA, and wipes it when stopped', () => {
    const out = Object.assign(new CapturedOutput(), { isTTY: true, columns: 100 });
    const display = createProgressDisplay(out);
    expect(display).toBeInstanceOf(BarProgressDisplay);
    display.update(
      snapshot({ percentage: 50, message: 'AAPL 1h: 500/1000 bars', eta_seconds: 125 }),
    );
    display.log('Cancelling op_x… (Ctrl+C again to stop waiting)');
    display.stop();
    const text = out.text;
    const drawn = `${'█'.repeat(12)}${'░'.repeat(12)}  50% AAPL 1h: 500/1000 bars · ETA 2m 05s`;
    const log = 'Cancelling op_x… (Ctrl+C again to stop waiting)\n';
    // bar, wiped (cursor restored, line cleared), the log line, the bar again below it, wiped.
    const wipe = '\x1b8\x1b[1G\x1b[2K';
    const at = (part: string, from = 0) => text.indexOf(part, from);
    expect(at(drawn)).toBeGreaterThanOrEqual(0);
    expect(at(wipe + log)).toBeGreaterThan(at(drawn));
    expect(at(drawn, at(log))).toBeGreaterThan(at(log));
    expect(text.endsWith(wipe)).toBe(true);
  });

  it('shortens the message, not the ETA, on a narrow terminal', () => {
    const out = Object.assign(new CapturedOutput(), { isTTY: true, columns: 60 });
    const display = new BarProgressDisplay(out);
    display.update(snapshot({ percentage: 10, message: 'x'.repeat(200), eta_seconds: 5 }));
    display.stop();
    const frames = out.text.split('\x1b[1G').map((frame) => frame.replace(ANSI_ESCAPE, ''));
    const drawn = frames.find((frame) => frame.includes('ETA'))!;
    expect(drawn).toMatch(/x… · ETA 5s$/);
    expect(drawn.length).toBeLessThan(60);
  });
});

describe('progress text', () => {
  it("does not repeat an ETA the server's message already carries, nor show one at 100 %", () => {
    const out = new CapturedOutput();
    const display = new LineProgressDisplay(out, () => 0);
    display.update(
      snapshot({ percentage: 10, message: 'run (1/10 items) · ETA 9s', eta_seconds: 9 }),
    );
    display.update(
      snapshot({ percentage: 100, steps_completed: 1, message: 'done', eta_seconds: 0 }),
    );
    expect(out.text).toBe('[ 10%] run (1/10 items) · ETA 9s\n[100%] done\n');
  });
});
