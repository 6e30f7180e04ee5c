import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { hostAppHasApiKey } from './configure-host-app';
import { isLoopbackAddress } from './loopback-address';

/** Options of {@link listenHostApp}. */
export interface ListenHostAppOptions {
  /** Printed in the `<name> listening on …` line. */
  name: string;
  /** Port when `PORT` is unset. */
  defaultPort: number;
  /** Where HOST and PORT are read. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The app's API key variable, named when a non-loopback bind is refused. Default `API_KEY`. */
  apiKeyVariable?: string;
}

/**
 * Listens on `HOST` (default 127.0.0.1) and `PORT` (default `defaultPort`; 0 picks a free
 * port) and prints `<name> listening on http://host:port` on stdout (the e2e helper waits for
 * it). Refuses a non-loopback address ({@link isLoopbackAddress}) unless `configureHostApp`
 * set an API key.
 * Resolves with the URL.
 */
export async function listenHostApp(
  app: NestExpressApplication,
  options: ListenHostAppOptions,
): Promise<string> {
  const env = options.env ?? process.env;
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = env.PORT === undefined || env.PORT === '' ? options.defaultPort : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  if (!isLoopbackAddress(host) && hostAppHasApiKey(app) !== true) {
    const variable = options.apiKeyVariable ?? 'API_KEY';
    throw new Error(
      `${options.name}: refusing to listen on ${host} without an API key (set ${variable} or bind to 127.0.0.1)`,
    );
  }
  await app.listen(port, host);
  const address = app.getHttpServer().address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  process.stdout.write(`${options.name} listening on ${url}\n`);
  return url;
}
