import type { ProgressSnapshot } from './api.types';
import type { OutputStream, ProgressDisplay } from './progress-display.types';
import { formatProgressLine, stepKey } from './progress-format';

const MIN_INTERVAL_MS = 1000;

/**
 * Progress for logs and pipes: a line per step change, otherwise at most one line per second
 * (and none when nothing visible changed).
 */
export class LineProgressDisplay implements ProgressDisplay {
  private lastStep: string | undefined;
  private lastLine: string | undefined;
  private lastPrintedAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number = Date.now,
  ) {}

  update(progress: ProgressSnapshot): void {
    if (this.stopped) return;
    const line = formatProgressLine(progress);
    const step = stepKey(progress);
    const at = this.now();
    const stepChanged = step !== this.lastStep;
    if (!stepChanged && (line === this.lastLine || at - this.lastPrintedAt < MIN_INTERVAL_MS)) {
      return;
    }
    this.stream.write(`${line}\n`);
    this.lastStep = step;
    this.lastLine = line;
    this.lastPrintedAt = at;
  }

  log(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {
    this.stopped = true;
  }
}
