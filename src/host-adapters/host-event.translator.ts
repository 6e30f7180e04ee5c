import type {
  EpochMetrics,
  TrainingEvent,
  TrainingSessionInfo,
  TrainingSessionProgress,
} from '@ktrdr/training-engine';

/**
 * Turns what the training host reports (SSE events or polled snapshots) into the engine's
 * TrainingEvents, the same ones a local worker emits: a phase event when the phase changes, a
 * batch event when the batch moves, each epoch once and in order.
 */
export class HostEventTranslator {
  private phase: string | null = null;
  private lastBatch = '';
  private epochsSeen = 0;
  private backendSeen = false;

  constructor(private readonly emit: (event: TrainingEvent) => void) {}

  /** Epochs forwarded so far. */
  get epochsForwarded(): number {
    return this.epochsSeen;
  }

  progress(progress: TrainingSessionProgress): void {
    if (progress.phase !== this.phase) {
      this.phase = progress.phase;
      if (progress.phase !== 'starting' && progress.phase !== 'finished') {
        this.emit({ type: 'phase', phase: progress.phase });
      }
    }
    const key = `${progress.epoch}:${progress.batch}`;
    if (progress.batch > 0 && progress.epoch > 0 && key !== this.lastBatch) {
      this.lastBatch = key;
      this.emit({
        type: 'batch',
        epoch: progress.epoch,
        epochs: progress.epochs,
        batch: progress.batch,
        batches: progress.batches,
        loss: progress.batch_loss ?? Number.NaN,
        accuracy: progress.batch_accuracy ?? Number.NaN,
        // When the API learnt of it: the host's snapshot says where, not when, the batch ended.
        at: Date.now(),
      });
    }
  }

  /** One finished epoch; a repeat (a replayed stream) is ignored. */
  epoch(metrics: EpochMetrics): void {
    if (metrics.epoch <= this.epochsSeen) return;
    this.epochsSeen = metrics.epoch;
    this.emit({ type: 'epoch', ...metrics });
  }

  /** A polled snapshot: its progress, backend and latest epoch. */
  snapshot(info: TrainingSessionInfo): void {
    const usage = info.resource_usage;
    if (!this.backendSeen && usage.backend !== null) {
      this.backendSeen = true;
      this.emit({ type: 'backend', backend: usage.backend, gpu_name: usage.gpu_name });
    }
    this.progress(info.progress);
    if (info.latest_metrics && info.latest_metrics.epoch === this.epochsSeen + 1) {
      this.epoch(info.latest_metrics);
    }
  }

  /** At the end, the epochs polling could not see, from the full history. */
  history(epochs: readonly EpochMetrics[]): void {
    for (const metrics of epochs) this.epoch(metrics);
  }
}
