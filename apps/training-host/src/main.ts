import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { listenHostApp } from '@ktrdr/host-service';
import {
  loadTrainingHostConfig,
  TrainingHostConfigError,
  type TrainingHostConfig,
} from './config/training-host-config';
import { configureTrainingHostApp } from './configure-training-host-app';
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
  // Force-closed once the sessions are stopped: an idle keep-alive connection (an API that
  // fetched a result) would otherwise hold `server.close()` for the keep-alive timeout (65 s).
  const app = await NestFactory.create<NestExpressApplication>(
    TrainingHostModule.register(config),
    { forceCloseConnections: true },
  );
  // Also enables the shutdown hooks: SIGINT/SIGTERM → /health answers 503 draining, running
  // sessions are stopped (bounded wait), the work folder is removed, the process exits 0.
  configureTrainingHostApp(app, config);
  await listenHostApp(app, {
    name: 'training-host',
    defaultPort: 8002,
    env: { HOST: config.host, PORT: String(config.port) },
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
