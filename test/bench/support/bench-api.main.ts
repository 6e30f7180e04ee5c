/**
 * Child process of the benchmarks: the real API (AppModule, createHttpApp) plus BenchModule, on
 * an ephemeral loopback port; prints `bench API listening on http://…`. Configured by the
 * environment (DATA_DIR, DATABASE_URL…) like the product's main.ts; stops on SIGTERM.
 */
import { Module } from '@nestjs/common';
import { createHttpApp } from '@ktrdr/http-kit';
import { AppModule } from '../../../src/app.module';
import { BenchModule } from './bench.module';

@Module({ imports: [AppModule, BenchModule] })
class BenchAppModule {}

async function main(): Promise<void> {
  const app = await createHttpApp(BenchAppModule, { logger: ['error', 'warn'] });
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
