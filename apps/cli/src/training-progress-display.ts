import { MultiBar, type SingleBar } from 'cli-progress';
import type { ProgressSnapshot, TrainingProgressContext } from './api.types';
import { LineProgressDisplay } from './line-progress-display';
import type { OutputStream, ProgressDisplay } from './progress-display.types';
import { describeProgress, etaLabel, formatPercentage } from './progress-format';

const BAR_WIDTH = 24;

/**
 * A training's progress on a terminal, two live lines: the overall bar with the server's
 * message and ETA, and the batch bar of the current epoch (`Epoch 3/10 · Batch 42/64 · loss`).
 * Elsewhere, plain lines as for any operation.
 */
export function createTrainingDisplay(
  stream: OutputStream,
  now: () => number = Date.now,
): ProgressDisplay {
  return stream.isTTY ? new TrainingBarsDisplay(stream) : new LineProgressDisplay(stream, now);
}

class TrainingBarsDisplay implements ProgressDisplay {
  private readonly bars: MultiBar;
  private epochBar: SingleBar | null = null;
  private batchBar: SingleBar | null = null;
  private latest: ProgressSnapshot | undefined;
  private stopped = false;

  constructor(stream: OutputStream) {
    this.bars = new MultiBar({
      stream,
      hideCursor: true,
      gracefulExit: false,
      clearOnComplete: true,
      fps: 10,
      format: (_options, params, payload: { line?: 'epoch' | 'batch' }) =>
        payload.line === 'batch'
          ? this.batchLine(params.maxWidth)
          : this.epochLine(params.maxWidth),
    });
  }

  update(progress: ProgressSnapshot): void {
    if (this.stopped) return;
    this.latest = progress;
    const ctx = progress.context as Partial<TrainingProgressContext>;
    this.epochBar ??= this.bars.create(100, 0, { line: 'epoch' });
    this.epochBar.update(progress.percentage);
    if (ctx.batches !== undefined && ctx.batch !== undefined) {
      this.batchBar ??= this.bars.create(ctx.batches, 0, { line: 'batch' });
      this.batchBar.setTotal(ctx.batches);
      this.batchBar.update(ctx.batch);
    }
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bars.stop();
  }

  private epochLine(maxWidth: number): string {
    const progress = this.latest;
    if (!progress) return '';
    const eta = etaLabel(progress);
    return fit(
      `${bar(progress.percentage / 100)} ${formatPercentage(progress)} `,
      describeProgress(progress),
      eta ? ` · ${eta}` : '',
      maxWidth,
    );
  }

  private batchLine(maxWidth: number): string {
    const ctx = (this.latest?.context ?? {}) as Partial<TrainingProgressContext>;
    if (ctx.batch === undefined || ctx.batches === undefined) return '';
    const parts = [
      `Epoch ${ctx.epoch ?? '?'}/${ctx.epochs ?? '?'}`,
      `Batch ${ctx.batch}/${ctx.batches}`,
    ];
    if (typeof ctx.loss === 'number' && Number.isFinite(ctx.loss))
      parts.push(`loss ${ctx.loss.toFixed(4)}`);
    if (typeof ctx.val_loss === 'number') parts.push(`val_loss ${ctx.val_loss.toFixed(4)}`);
    return fit(
      `${bar(ctx.batch / Math.max(1, ctx.batches))}      `,
      parts.join(' · '),
      '',
      maxWidth,
    );
  }
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

/** Shortens the middle text, never the head or the tail, to stay on one terminal line. */
function fit(head: string, text: string, tail: string, maxWidth: number): string {
  const room = Math.max(0, maxWidth - 1 - head.length - tail.length);
  return head + (text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`) + tail;
}
