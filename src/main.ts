import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OperationExecutor } from '@ktrdr/operations';
import { configureApp } from './common';
import { AppModule } from './app.module';
import { AppConfig, EnvValidationError, validateEnv } from './config';

async function bootstrap(): Promise<void> {
  // Validate before loading the app: a bad environment ends here with one readable message.
  try {
    validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Force-closed on shutdown: an SSE client following an operation that outlived the grace
  // would otherwise keep `server.close()` waiting forever.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    forceCloseConnections: true,
  });
  // Also enables the shutdown hooks: SIGINT/SIGTERM → stop accepting work, cancel and drain the
  // operations, close, exit 0.
  configureApp(app);

  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const mode = app.get(OperationExecutor).durable ? 'queued' : 'in-process';
  process.stdout.write(`ktrdr API listening on http://${host}:${port}\n`);
  Logger.log(`database: ${config.databaseLocation}; execution: ${mode}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  Logger.error(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
    'Bootstrap',
  );
  process.exit(1);
});
