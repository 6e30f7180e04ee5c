import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { listenHostApp } from '@ktrdr/host-service';
import { DataHostConfigError, loadDataHostConfig } from './config/data-host-config';
import { configureDataHostApp } from './configure-data-host-app';
import { DataHostModule } from './data-host.module';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadDataHostConfig(process.env);
  } catch (error) {
    if (!(error instanceof DataHostConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // forceCloseConnections: once the shutdown grace is over, requests still in flight are cut
  // (they abort, and the provider cancels them upstream) rather than holding the exit.
  const app = await NestFactory.create<NestExpressApplication>(DataHostModule.register(config), {
    forceCloseConnections: true,
  });
  // Also enables the shutdown hooks: SIGINT/SIGTERM → /health answers 503 draining, requests
  // in flight get DATA_HOST_SHUTDOWN_GRACE_MS to finish, the provider is closed, exit 0.
  configureDataHostApp(app, config);
  await listenHostApp(app, {
    name: 'data-host',
    defaultPort: 8001,
    env: { HOST: config.host, PORT: String(config.port) },
    apiKeyVariable: 'DATA_HOST_API_KEY',
  });
  Logger.log(`provider: ${config.provider}; pacing: ${config.pacingSpec}`, 'DataHost');
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'DataHost');
  process.exit(1);
});
