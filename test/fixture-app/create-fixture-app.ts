import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AllExceptionsFilter, API_PREFIX, createValidationPipe } from '../../src/common';
import { FixtureAppModule, type FixtureAppOptions } from './fixture-app.module';

/** The fixture app, listening on an ephemeral loopback port. */
export interface FixtureApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` (routes under `/api/v1`). */
  url: string;
  close: () => Promise<void>;
}

/** Boots {@link FixtureAppModule} with the API's prefix, validation and error mapping. */
export async function createFixtureApp(options: FixtureAppOptions): Promise<FixtureApp> {
  const app = await NestFactory.create<NestExpressApplication>(FixtureAppModule.forRoot(options), {
    logger: ['error'],
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
