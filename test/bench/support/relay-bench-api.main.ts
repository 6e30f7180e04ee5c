/**
 * Child process of the queued staleness benchmark: the real API (AppModule, configured by the
 * environment: EXECUTION_MODE=queued, REDIS_URL, DATABASE_URL…) plus the relay bench routes, on
 * an ephemeral loopback port; prints `bench API listening on http://…`; stops on SIGTERM.
 */
import { Module } from '@nestjs/common';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../../src/app.module';
import { RelayBenchController } from './relay-bench.controller';

@Module({ imports: [AppModule], controllers: [RelayBenchController] })
class RelayBenchAppModule {}

async function main(): Promise<void> {
  const app = await createHttpApp(RelayBenchAppModule, { logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`bench API listening on http://127.0.0.1:${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
