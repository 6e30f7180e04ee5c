import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The body of a benchmark's API child (`*.main.ts`): creates the app, listens on an ephemeral
 * loopback port and prints `<name> listening on http://127.0.0.1:<port>`, the line
 * `startBenchChild` waits for; a failure to start is printed to stderr and exits 1.
 */
export function bootstrapBenchApi(
  name: string,
  createApp: () => Promise<NestExpressApplication>,
): void {
  const main = async (): Promise<void> => {
    const app = await createApp();
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    process.stdout.write(`${name} listening on http://127.0.0.1:${port}\n`);
  };
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
