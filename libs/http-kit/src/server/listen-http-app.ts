import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { kitSettings } from './create-http-app';
import { isLoopbackAddress } from './loopback-address';

/** Options of {@link listenHttpApp}. */
export interface ListenHttpAppOptions {
  /** Printed in the `<name> listening on …` line. */
  name: string;
  /** Address to bind (validated by the app's config). */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** The app's API key variable, named when a non-loopback bind is refused. Default `API_KEY`. */
  apiKeyVariable?: string;
}

/**
 * Listens on `host:port` and prints `<name> listening on http://host:port` on stdout (the e2e
 * helper waits for that line). Refuses a non-loopback address ({@link isLoopbackAddress})
 * unless the app's `HttpKitModule` has an API key. Resolves with the URL.
 */
export async function listenHttpApp(
  app: NestExpressApplication,
  options: ListenHttpAppOptions,
): Promise<string> {
  if (!isLoopbackAddress(options.host) && kitSettings(app).apiKey === null) {
    const variable = options.apiKeyVariable ?? 'API_KEY';
    throw new Error(
      `${options.name}: refusing to listen on ${options.host} without an API key (set ${variable} or bind to 127.0.0.1)`,
    );
  }
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  process.stdout.write(`${options.name} listening on ${url}\n`);
  return url;
}
