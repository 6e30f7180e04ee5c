import { Injectable } from '@nestjs/common';
import { runTrainingInWorker } from '@ktrdr/training-engine';
import {
  TrainingVenueRunner,
  type VenueRunRequest,
  type VenueRunResult,
} from './training-venue.runner';

/**
 * The local venue: the engine's whole pipeline in a worker thread (runTrainingInWorker), so the
 * API's event loop never runs a training step. A cancel reaches the worker through the shared
 * flag the engine sets from the signal; the worker sees it at its next batch end.
 */
@Injectable()
export class LocalTrainingRunner extends TrainingVenueRunner {
  async run(request: VenueRunRequest): Promise<VenueRunResult> {
    const { context } = request;
    const result = await runTrainingInWorker(
      {
        // The worker gets a structured clone: the frozen context cannot leak into it.
        strategy: context.strategy,
        series: request.series,
        seed: context.seed,
        outputDir: request.outputDir,
      },
      { signal: request.signal, onEvent: request.onEvent },
    );
    return { outcome: result };
  }
}
