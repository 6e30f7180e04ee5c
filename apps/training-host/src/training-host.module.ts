import { Module, type DynamicModule } from '@nestjs/common';
import { HttpKitModule, type OpenApiOptions } from '@ktrdr/http-kit';
import { runTrainingInWorker } from '@ktrdr/training-engine';
import type { TrainingHostConfig } from './config/training-host-config';
import { GpuProbe } from './health/gpu-probe';
import { TrainingHealthController } from './health/training-health.controller';
import { ParseSessionRequestPipe } from './sessions/parse-session-request.pipe';
import { TrainingSessionManager } from './sessions/training-session-manager';
import { TrainingSessionsController } from './sessions/training-sessions.controller';
import {
  TRAINING_HOST_CONFIG,
  TRAINING_RUNNER,
  type TrainingRunner,
} from './training-host.constants';

/** The training host's OpenAPI document (`/api/docs`, `/api/openapi.json`). */
const TRAINING_HOST_OPENAPI: OpenApiOptions = {
  title: 'ktrdr training host',
  description:
    'Training sessions in worker threads (GPU when present): start one with a strategy and its ' +
    'bars, follow it over SSE, stop it, fetch its result and artifact files (with SHA-256). ' +
    'Errors are `{ statusCode, error, message, code }` with real statuses.',
};

/** Options of {@link TrainingHostModule.register} besides the configuration. */
export interface TrainingHostModuleOptions {
  /** Run jobs with this instead of the engine's `runTrainingInWorker` (tests). */
  readonly runner?: TrainingRunner;
  /** Read the GPU with this probe (tests). */
  readonly gpuProbe?: GpuProbe;
}

/**
 * The training host app: health and training sessions run in worker threads, behind the HTTP
 * kit (its API key; the session body limit, counted after gzip inflation; no ETag: nobody
 * revalidates these answers).
 */
@Module({})
export class TrainingHostModule {
  static register(
    config: TrainingHostConfig,
    options: TrainingHostModuleOptions = {},
  ): DynamicModule {
    return {
      module: TrainingHostModule,
      imports: [
        HttpKitModule.forRoot({
          apiKey: config.apiKey,
          jsonBodyLimit: `${config.maxBodyMb}mb`,
          etag: false,
          openApi: TRAINING_HOST_OPENAPI,
        }),
      ],
      controllers: [TrainingHealthController, TrainingSessionsController],
      providers: [
        { provide: TRAINING_HOST_CONFIG, useValue: config },
        { provide: TRAINING_RUNNER, useValue: options.runner ?? runTrainingInWorker },
        { provide: GpuProbe, useValue: options.gpuProbe ?? new GpuProbe() },
        TrainingSessionManager,
        ParseSessionRequestPipe,
      ],
    };
  }
}
