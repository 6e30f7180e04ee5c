import { Controller, Inject } from '@nestjs/common';
import { HostHealthController, type HostHealthCheck } from '@ktrdr/http-kit';
import type { TrainingHostConfig } from '../config/training-host-config';
import { TrainingSessionManager } from '../sessions/training-session-manager';
import { TRAINING_HOST_CONFIG } from '../training-host.constants';
import { GpuProbe } from './gpu-probe';

/**
 * `GET /health` (public): the backend (forced or auto, and the one the last session loaded),
 * the GPU from `nvidia-smi`, sessions (active, kept, limit) and counters. 503 `draining`
 * from the start of shutdown.
 */
@Controller('health')
export class TrainingHealthController extends HostHealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(TRAINING_HOST_CONFIG) private readonly config: TrainingHostConfig,
    private readonly sessions: TrainingSessionManager,
    private readonly gpu: GpuProbe,
  ) {
    super();
  }

  protected async check(): Promise<HostHealthCheck> {
    return {
      healthy: true,
      details: {
        service: 'training-host',
        backend: this.config.backend ?? 'auto',
        gpu: await this.gpu.read(),
        ...this.sessions.snapshot(),
        uptime_s: Math.round((Date.now() - this.startedAt) / 1000),
      },
    };
  }
}
