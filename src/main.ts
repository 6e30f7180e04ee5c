import { Logger } from '@nestjs/common';
import { OperationExecutor } from '@ktrdr/operations';
import { createHttpApp, listenHttpApp } from '@ktrdr/http-kit';
import { AppModule } from './app.module';
import { AppConfig, EnvValidationError, validateEnv } from './config';
import { DASHBOARD_DIR } from './dashboard';

async function bootstrap(): Promise<void> {
  // Validate before loading the app: a bad environment ends here with one readable message.
  try {
    validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Also enables the shutdown hooks: SIGINT/SIGTERM → stop accepting work, cancel and drain the
  // operations, close (SSE streams force-closed), exit 0.
  const app = await createHttpApp(AppModule);
  const config = app.get(AppConfig);
  const url = await listenHttpApp(app, { name: 'ktrdr API', host: config.host, port: config.port });
  const dashboard = app.get<string | null>(DASHBOARD_DIR);
  Logger.log(
    dashboard === null
      ? 'dashboard: not built (npm run build builds it into dist/web)'
      : `dashboard: open ${url}/`,
    'Bootstrap',
  );
  const mode = app.get(OperationExecutor).durable ? 'queued' : 'in-process';
  Logger.log(`database: ${config.databaseLocation}; execution: ${mode}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  Logger.error(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
    'Bootstrap',
  );
  process.exit(1);
});
