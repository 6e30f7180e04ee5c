import { Logger } from '@nestjs/common';
import { createHttpApp, listenHttpApp } from '@ktrdr/http-kit';
import { AppConfig, EnvValidationError, validateEnv } from '../../../src/config';
import { WorkerModule } from './worker.module';

/** The worker's health port unless PORT says otherwise (0: any free port). */
const WORKER_DEFAULT_PORT = '8010';

async function bootstrap(): Promise<void> {
  // The worker reads the API's environment; only its port defaults differently.
  if (!process.env.PORT?.trim()) process.env.PORT = WORKER_DEFAULT_PORT;
  try {
    const env = validateEnv(process.env);
    if (env.EXECUTION_MODE !== 'queued') {
      process.stderr.write(
        'The worker runs queued operations only: set EXECUTION_MODE=queued (with REDIS_URL and a postgres:// DATABASE_URL)\n',
      );
      process.exit(1);
    }
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Also enables the shutdown hooks: SIGINT/SIGTERM → /health 503 draining, no more jobs taken,
  // running operations cancelled (reason `shutdown`) and drained within the grace, exit 0.
  const app = await createHttpApp(WorkerModule);
  const config = app.get(AppConfig);
  await listenHttpApp(app, { name: 'ktrdr worker', host: config.host, port: config.port });
  Logger.log(`worker ${config.workerId}; database: ${config.databaseLocation}`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Worker');
  process.exit(1);
});
