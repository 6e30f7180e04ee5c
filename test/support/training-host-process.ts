import { spawnService, tempDir, type RunningService } from './spawn-service';

/** The training host's entry point as built by the e2e global setup. */
export const TRAINING_HOST_ENTRY = 'dist/apps/training-host/src/main.js';

/** A spawned training host and its work folder. */
export interface TrainingHostProcess extends RunningService {
  /** `TRAINING_HOST_WORK_DIR` of the process (sessions live in a `run-<pid>-*` folder in it). */
  workDir: string;
  /** Kills the process if still alive and removes the work folder. */
  cleanup: () => Promise<void>;
}

/**
 * Starts the built training host as a real process on 127.0.0.1 and a free port, with its own
 * temp work folder; `env` adds or overrides variables (an API key, TRAINING_HOST_MAX_SESSIONS…).
 */
export async function spawnTrainingHost(
  env: Record<string, string | undefined> = {},
): Promise<TrainingHostProcess> {
  const work = tempDir('ktrdr-training-host-');
  try {
    const service = await spawnService(TRAINING_HOST_ENTRY, {
      TRAINING_HOST_PORT: '0',
      TRAINING_HOST_WORK_DIR: work.dir,
      TRAINING_HOST_API_KEY: undefined,
      TFJS_BACKEND: undefined,
      ...env,
    });
    return {
      ...service,
      workDir: work.dir,
      cleanup: async () => {
        await service.stop('SIGKILL');
        work.remove();
      },
    };
  } catch (error) {
    work.remove();
    throw error;
  }
}
