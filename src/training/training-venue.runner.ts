import type { SeriesBars, TrainingEvent } from '@ktrdr/training-engine';
import type { EngineOutcome } from './training-result.aggregator';
import type { TrainingOperationContext } from './training-operation.context';

/** One training run handed to a venue. */
export interface VenueRunRequest {
  context: TrainingOperationContext;
  series: SeriesBars[];
  /** An empty folder the venue fills with the model's artifact files. */
  outputDir: string;
  operationId: string;
  /** The operation's signal: aborting it stops the run at its next batch. */
  signal: AbortSignal;
  onEvent: (event: TrainingEvent) => void;
}

/** What a venue answers once the run finished and its artifacts are in `outputDir`. */
export interface VenueRunResult {
  outcome: EngineOutcome;
  /** The training host's session id (host venue only). */
  sessionId?: string;
}

/**
 * Runs a training somewhere: in a worker thread here (LocalTrainingRunner) or on the training
 * host (HostTrainingRunner). Cancelled runs reject with the engine's TrainingCancelledError or a
 * CancellationError; both leave `outputDir` to be discarded.
 */
export abstract class TrainingVenueRunner {
  abstract run(request: VenueRunRequest): Promise<VenueRunResult>;
}
