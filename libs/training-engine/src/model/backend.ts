import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type { BackendName } from '../engine.types';

/** Preference order when nothing is forced. */
export const BACKEND_ORDER: readonly BackendName[] = [
  'tensorflow-gpu',
  'tensorflow',
  'wasm',
  'cpu',
];

const BACKEND_NAMES = new Set<string>(BACKEND_ORDER);

/** The forced backend or the requested one / `TFJS_BACKEND` is not one we know. */
export class BackendUnavailableError extends TrainingEngineError {
  constructor(message: string, options?: ErrorOptions) {
    super(TrainingEngineErrorCode.BACKEND_UNAVAILABLE, message, options);
  }
}

// The native packages are optional and absent on most machines: loaded by name at run time.
// They register tfjs' 'tensorflow' backend.
const LOADERS: Record<BackendName, { tfName: string; load: () => Promise<unknown> }> = {
  'tensorflow-gpu': {
    tfName: 'tensorflow',
    load: () => requireOptional('@tensorflow/tfjs-node-gpu'),
  },
  tensorflow: { tfName: 'tensorflow', load: () => requireOptional('@tensorflow/tfjs-node') },
  wasm: { tfName: 'wasm', load: () => import('@tensorflow/tfjs-backend-wasm') },
  cpu: { tfName: 'cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
};

function requireOptional(name: string): Promise<unknown> {
  return import(name);
}

/** What {@link selectBackend} settled on. */
export interface SelectedBackend {
  backend: BackendName;
  gpu_name: string | null;
}

/**
 * Activates a TensorFlow.js backend: `forced` (a request's), else `TFJS_BACKEND`, else the
 * first of {@link BACKEND_ORDER} that loads. A forced backend that does not load is an error.
 */
export async function selectBackend(forced?: BackendName): Promise<SelectedBackend> {
  const wanted = forced ?? process.env['TFJS_BACKEND'] ?? undefined;
  if (wanted !== undefined && wanted !== '' && !BACKEND_NAMES.has(wanted)) {
    throw new BackendUnavailableError(
      `Unknown TFJS_BACKEND '${wanted}' (one of ${BACKEND_ORDER.join(', ')})`,
    );
  }
  const candidates = wanted ? [wanted as BackendName] : BACKEND_ORDER;
  const failures: string[] = [];
  for (const backend of candidates) {
    try {
      await LOADERS[backend].load();
      if (!(await tf.setBackend(LOADERS[backend].tfName))) throw new Error('setBackend failed');
      await tf.ready();
      const gpu_name = backend === 'tensorflow-gpu' ? await gpuName() : null;
      return { backend, gpu_name };
    } catch (e) {
      failures.push(`${backend}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new BackendUnavailableError(`No TensorFlow.js backend loads (${failures.join('; ')})`);
}

/** The first GPU's name from nvidia-smi, or null when it cannot be asked. */
async function gpuName(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)(
      'nvidia-smi',
      ['--query-gpu=name', '--format=csv,noheader'],
      { timeout: 2000 },
    );
    return stdout.split('\n')[0]?.trim() || null;
  } catch {
    return null;
  }
}
