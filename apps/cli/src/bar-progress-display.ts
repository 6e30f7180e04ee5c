import { SingleBar } from 'cli-progress';
import type { ProgressSnapshot } from './api.types';
import type { OutputStream, ProgressDisplay } from './progress-display.types';
import { describeProgress, etaLabel, formatPercentage } from './progress-format';

const BAR_WIDTH = 24;

/**
 * One live line on a terminal: `████████░░░░  42% message · ETA 12s`, wiped when it stops (the
 * final status line follows). cli-progress handles redraw, cursor and terminal width; the text
 * and the ETA are the server's (its estimate comes from throughput the client cannot see).
 */
export class BarProgressDisplay implements ProgressDisplay {
  private readonly bar: SingleBar;
  private latest: ProgressSnapshot | undefined;
  private state: 'idle' | 'drawing' | 'stopped' = 'idle';

  constructor(private readonly stream: OutputStream) {
    this.bar = new SingleBar({
      stream,
      format: (_options, params) => this.render(params.maxWidth),
      hideCursor: true,
      // The CLI handles SIGINT itself (cancel first, then stop waiting).
      gracefulExit: false,
      // cli-progress restores the cursor saved at start() when it stops: log() relies on that
      // to wipe the bar, print its line and start the bar again below it.
      clearOnComplete: true,
      fps: 10,
    });
  }

  update(progress: ProgressSnapshot): void {
    if (this.state === 'stopped') return;
    this.latest = progress;
    if (this.state === 'idle') {
      this.bar.start(100, progress.percentage);
      this.state = 'drawing';
    } else {
      this.bar.update(progress.percentage);
    }
  }

  log(line: string): void {
    if (this.state !== 'drawing') {
      this.stream.write(`${line}\n`);
      return;
    }
    const { percentage } = this.latest ?? { percentage: 0 };
    this.bar.stop();
    this.stream.write(`${line}\n`);
    this.bar.start(100, percentage);
  }

  stop(): void {
    if (this.state === 'drawing') this.bar.stop();
    this.state = 'stopped';
  }

  private render(maxWidth: number): string {
    const progress = this.latest;
    if (!progress) return '';
    const filled = Math.round((Math.min(100, Math.max(0, progress.percentage)) / 100) * BAR_WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    const head = `${bar} ${formatPercentage(progress)} `;
    const eta = etaLabel(progress);
    const tail = eta ? ` · ${eta}` : '';
    // Shorten the message, never the percentage or the ETA, to stay on one terminal line.
    const room = Math.max(0, maxWidth - 1 - head.length - tail.length);
    const text = describeProgress(progress);
    return head + (text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`) + tail;
  }
}
