import { type OperationRunContext, ProgressPlan } from '@ktrdr/async-infrastructure';
import type {
  EpochEvent,
  TrainingEvent,
  TrainingPartialResult,
  TrainingProgressContext,
} from '@ktrdr/training-engine';
import { TRAINING_STEPS } from './training.constants';

/** Options of {@link TrainingProgressBridge}. */
export interface TrainingProgressBridgeOptions {
  /** Every Nth batch is reported (the first and the last of each epoch always). Default 10. */
  batchEvery?: number;
}

/**
 * Turns a training's engine events (from the worker or from the training host) into the
 * operation's progress: the phases own the ranges of TRAINING_STEPS, the training phase moves by
 * batches done over batches planned, batch events are throttled, epoch events always go out and
 * each one is appended to the operation's metrics series (the per-epoch history).
 */
export class TrainingProgressBridge {
  private readonly batchEvery: number;
  private readonly epochs: EpochEvent[] = [];
  private metricsWrites: Promise<void> = Promise.resolve();
  private metricsError: Error | null = null;
  private batchesPerEpoch: number | null = null;

  constructor(
    private readonly ctx: Pick<OperationRunContext, 'progress' | 'appendMetrics'>,
    base: TrainingProgressContext,
    options: TrainingProgressBridgeOptions = {},
  ) {
    this.batchEvery = Math.max(1, options.batchEvery ?? 10);
    // Trainings of one strategy on one venue go alike: the ETA learns from the earlier ones.
    ctx.progress.setPlan(
      ProgressPlan.fromRanges([...TRAINING_STEPS]),
      `training ${base.strategy_name} ${base.venue}`,
    );
    ctx.progress.startStep('preparing', { context: { ...base } });
  }

  /** The loading phase: `done` of `total` series loaded, the current one `fraction` through. */
  loading(done: number, total: number, fraction = 0): void {
    const { progress } = this.ctx;
    if (progress.snapshot()?.step_name !== 'loading_data') {
      progress.startStep('loading_data', { items_total: total });
    }
    progress.update({ items_processed: done, fraction: (done + fraction) / Math.max(1, total) });
  }

  /** Forwards one engine event. */
  onEvent(event: TrainingEvent): void {
    const { progress } = this.ctx;
    switch (event.type) {
      case 'backend':
        progress.update({ context: { backend: event.backend, gpu_name: event.gpu_name } });
        return;
      case 'phase':
        if (event.phase === 'features') progress.startStep('computing_features');
        else if (event.phase === 'training') progress.startStep('training');
        else if (event.phase === 'evaluating') progress.startStep('evaluating_saving');
        else progress.update({ fraction: 0.5 });
        return;
      case 'batch':
        this.onBatch(event);
        return;
      case 'epoch':
        this.onEpoch(event);
        return;
      default: {
        const never: never = event;
        throw new Error(`Unknown training event ${JSON.stringify(never)}`);
      }
    }
  }

  /** The epochs completed so far (the partial result of a cancelled run). */
  partialResult(): TrainingPartialResult {
    return {
      epochs_completed: this.epochs.length,
      history: this.epochs.map(({ epoch, train_loss, val_loss, train_accuracy, val_accuracy }) => ({
        epoch,
        train_loss,
        val_loss,
        train_accuracy,
        val_accuracy,
      })),
    };
  }

  /** Waits for the metrics appended so far; rethrows the first failure to store one. */
  async flush(): Promise<void> {
    await this.metricsWrites;
    if (this.metricsError !== null) throw this.metricsError;
  }

  private onBatch(event: Extract<TrainingEvent, { type: 'batch' }>): void {
    this.batchesPerEpoch = event.batches;
    const report =
      event.batch === 1 || event.batch === event.batches || event.batch % this.batchEvery === 0;
    if (!report) return;
    this.ensureTraining();
    this.ctx.progress.update({
      items_processed: (event.epoch - 1) * event.batches + event.batch,
      items_total: event.epochs * event.batches,
      context: {
        epoch: event.epoch,
        epochs: event.epochs,
        batch: event.batch,
        batches: event.batches,
        loss: event.loss,
        accuracy: event.accuracy,
      },
    });
  }

  private onEpoch(event: EpochEvent): void {
    this.epochs.push(event);
    this.ensureTraining();
    const batches = this.batchesPerEpoch;
    const { type: _type, ...metrics } = event;
    this.ctx.progress.update({
      ...(batches !== null
        ? { items_processed: event.epoch * batches, items_total: event.epochs * batches }
        : { fraction: event.epoch / event.epochs }),
      context: { ...metrics },
    });
    this.metricsWrites = this.metricsWrites.then(() =>
      this.ctx.appendMetrics({ ...metrics }).catch((error: unknown) => {
        this.metricsError ??= error instanceof Error ? error : new Error(String(error));
      }),
    );
  }

  /** A host may skip the phase event: batches imply the training phase. */
  private ensureTraining(): void {
    const step = this.ctx.progress.snapshot()?.step_name;
    if (step !== 'training') this.ctx.progress.startStep('training');
  }
}
