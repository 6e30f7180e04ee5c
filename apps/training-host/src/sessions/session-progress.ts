import type { TrainingEvent, TrainingPhase, TrainingSessionProgress } from '@ktrdr/training-engine';

/** Share of a session's work done when each phase starts (training spans 5–95). */
const PHASE_START: Record<TrainingPhase, number> = {
  features: 0,
  training: 5,
  evaluating: 95,
  saving: 97,
};
const TRAINING_SPAN = PHASE_START.evaluating - PHASE_START.training;

/** A session's progress before the worker has reported anything. */
export function initialProgress(): TrainingSessionProgress {
  return {
    phase: 'starting',
    percentage: 0,
    epoch: 0,
    epochs: 0,
    batch: 0,
    batches: 0,
    batch_loss: null,
    batch_accuracy: null,
  };
}

/** The progress after one engine event (a pure function of the previous progress). */
export function nextProgress(
  progress: TrainingSessionProgress,
  event: TrainingEvent,
): TrainingSessionProgress {
  switch (event.type) {
    case 'backend':
      return progress;
    case 'phase':
      return {
        ...progress,
        phase: event.phase,
        percentage: Math.max(progress.percentage, PHASE_START[event.phase]),
      };
    case 'batch':
      return {
        ...progress,
        phase: 'training',
        epoch: event.epoch,
        epochs: event.epochs,
        batch: event.batch,
        batches: event.batches,
        batch_loss: event.loss,
        batch_accuracy: event.accuracy,
        percentage: trainingPercentage(event.epoch - 1 + event.batch / event.batches, event.epochs),
      };
    case 'epoch':
      return {
        ...progress,
        phase: 'training',
        epoch: event.epoch,
        epochs: event.epochs,
        batch: progress.batches,
        percentage: trainingPercentage(event.epoch, event.epochs),
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The progress of a session that ended: 100% when it completed, where it stopped otherwise. */
export function finalProgress(
  progress: TrainingSessionProgress,
  completed: boolean,
): TrainingSessionProgress {
  return { ...progress, phase: 'finished', percentage: completed ? 100 : progress.percentage };
}

function trainingPercentage(epochsDone: number, epochs: number): number {
  const share = epochs > 0 ? Math.min(1, Math.max(0, epochsDone / epochs)) : 0;
  return round2(PHASE_START.training + TRAINING_SPAN * share);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
