import { Logger } from '@nestjs/common';
import { createHttpApp, listenHttpApp } from '@ktrdr/http-kit';
import { DataHostConfigError, loadDataHostConfig } from './config/data-host-config';
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
  // Also enables the shutdown hooks: SIGINT/SIGTERM → /health answers 503 draining, requests
  // in flight get DATA_HOST_SHUTDOWN_GRACE_MS to finish (then their connections are cut: they
  // abort and the provider cancels them upstream), the provider is closed, exit 0.
  const app = await createHttpApp(DataHostModule.register(config));
  await listenHttpApp(app, {
    name: 'data-host',
    host: config.host,
    port: config.port,
    apiKeyVariable: 'DATA_HOST_API_KEY',
  });
  Logger.log(`provider: ${config.provider}; pacing: ${config.pacingSpec}`, 'DataHost');
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'DataHost');
  process.exit(1);
});
