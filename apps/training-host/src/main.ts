import { Logger } from '@nestjs/common';
import { createHttpApp, listenHttpApp } from '@ktrdr/http-kit';
import {
  loadTrainingHostConfig,
  TrainingHostConfigError,
  type TrainingHostConfig,
} from './config/training-host-config';
import { TrainingHostModule } from './training-host.module';

async function bootstrap(): Promise<void> {
  let config: TrainingHostConfig;
  try {
    config = loadTrainingHostConfig(process.env);
  } catch (error) {
    if (!(error instanceof TrainingHostConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Also enables the shutdown hooks: SIGINT/SIGTERM → /health answers 503 draining, running
  // sessions are stopped (bounded wait), the connections closed, the work folder removed, exit 0.
  const app = await createHttpApp(TrainingHostModule.register(config));
  await listenHttpApp(app, {
    name: 'training-host',
    host: config.host,
    port: config.port,
    apiKeyVariable: 'TRAINING_HOST_API_KEY',
  });
  Logger.log(
    `backend: ${config.backend ?? 'auto'}; max sessions: ${config.maxSessions}; work dir: ${config.workDir}`,
    'TrainingHost',
  );
}

bootstrap().catch((error: unknown) => {
  Logger.error(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
    'TrainingHost',
  );
  process.exit(1);
});
