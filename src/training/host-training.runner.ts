import { Inject, Injectable, Optional } from '@nestjs/common';
import { type StrategyCatalog } from '@ktrdr/training-engine';
import { AppConfig } from '../config';
import { HostAdapterFactory, HostSessionManager } from '../host-adapters';
import { STRATEGY_CATALOG, TRAINING_TUNING, type TrainingTuning } from './training.constants';
import {
  TrainingVenueRunner,
  type VenueRunRequest,
  type VenueRunResult,
} from './training-venue.runner';

/**
 * The host venue: the bars go with the session request to the training host, which runs the
 * same engine; a HostSessionManager follows the session and brings the verified artifacts
 * back into the run's output folder.
 */
@Injectable()
export class HostTrainingRunner extends TrainingVenueRunner {
  constructor(
    private readonly adapters: HostAdapterFactory,
    private readonly config: AppConfig,
    @Inject(STRATEGY_CATALOG) private readonly catalog: StrategyCatalog,
    @Optional() @Inject(TRAINING_TUNING) private readonly tuning: TrainingTuning | null = null,
  ) {
    super();
  }

  async run(request: VenueRunRequest): Promise<VenueRunResult> {
    const { context } = request;
    if (context.venue.kind !== 'host') throw new Error('HostTrainingRunner needs a host venue');
    const apiKey = this.config.trainingHostApiKey;
    const adapter = this.adapters.training({
      baseUrl: context.venue.baseUrl,
      ...(apiKey ? { apiKey } : {}),
    });
    const manager = new HostSessionManager(adapter, {
      unreachableTimeoutMs: this.config.trainingHostLostAfterMs,
      ...(this.tuning?.pollBaseMs !== undefined ? { pollBaseMs: this.tuning.pollBaseMs } : {}),
      ...(this.tuning?.pollMaxMs !== undefined ? { pollMaxMs: this.tuning.pollMaxMs } : {}),
    });
    // The host validates the file's text itself; the training data replaces the file's.
    const file = await this.catalog.get(context.strategy_name);
    const { sessionId, result } = await manager.run({
      request: {
        strategy_yaml: file.yaml,
        symbols: [...context.symbols],
        timeframes: [...context.timeframes],
        start_date: new Date(context.start_ms).toISOString(),
        end_date: new Date(context.end_ms).toISOString(),
        seed: context.seed,
        bars: request.series.map((s) => s.bars),
      },
      signal: request.signal,
      onEvent: request.onEvent,
      outputDir: request.outputDir,
    });
    request.onEvent({ type: 'backend', backend: result.backend, gpu_name: result.gpu_name });
    return { outcome: result, sessionId };
  }
}
