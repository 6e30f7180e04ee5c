import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createHttpApp } from '@ktrdr/http-kit';
import { loadTrainingHostConfig, type TrainingHostConfig } from '../config/training-host-config';
import { TrainingHostModule, type TrainingHostModuleOptions } from '../training-host.module';

/** A real training-host app listening on an ephemeral loopback port. */
export interface TrainingHostTestApp {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly config: TrainingHostConfig;
  close(): Promise<void>;
}

/**
 * Starts the training host as `main.ts` does (same module, same `createHttpApp`) from an
 * environment on 127.0.0.1 and a free port. Without `TRAINING_HOST_WORK_DIR` it works in a
 * fresh temp folder that `close()` removes.
 */
export async function startTrainingHost(
  env: Record<string, string | undefined> = {},
  options: TrainingHostModuleOptions = {},
): Promise<TrainingHostTestApp> {
  const ownDir = env.TRAINING_HOST_WORK_DIR
    ? undefined
    : await mkdtemp(path.join(tmpdir(), 'ktrdr-training-host-'));
  const config = loadTrainingHostConfig({ TRAINING_HOST_WORK_DIR: ownDir, ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [TrainingHostModule.register(config, options)],
  }).compile();
  const app = await createHttpApp(moduleRef, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const close = async (): Promise<void> => {
    await app.close();
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };
  return { app, url: `http://127.0.0.1:${port}`, config, close };
}
