import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NoTrainingDataError, TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type {
  EpochEvent,
  RunTrainingOptions,
  TrainingJobRequest,
  TrainingJobResult,
} from '../engine.types';
import { BackendUnavailableError } from '../model/backend';
import type { TrainingWorkerData, TrainingWorkerMessage } from './worker-messages';

/** The run was cancelled; `history` holds the epochs completed before. */
export class TrainingCancelledError extends TrainingEngineError {
  constructor(readonly history: EpochEvent[]) {
    super(TrainingEngineErrorCode.TRAINING_CANCELLED, 'Training cancelled');
  }
}

/** The worker failed: an error thrown in it, a crash, out of memory or a non-zero exit. */
export class TrainingWorkerError extends TrainingEngineError {
  constructor(message: string, options?: ErrorOptions) {
    super(TrainingEngineErrorCode.TRAINING_WORKER_FAILED, message, options);
  }
}

/** Default heap limits of a training worker. */
export const DEFAULT_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 2048 };

// Compiled (dist/*.js) the worker is a .js beside this file; under jest / swc-node it is the
// .ts, run through the same on-the-fly compiler (which also maps the tsconfig path aliases).
const WORKER_FILE = path.join(__dirname, `training-worker${path.extname(__filename)}`);
const WORKER_EXEC_ARGV = WORKER_FILE.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];

/**
 * Runs a training job (features, labels, split, train, evaluate, artifacts into
 * `request.outputDir`) in a worker thread, so the caller's event loop never waits on it.
 * Aborting `signal` sets a shared flag the worker reads at every batch end; the promise then
 * rejects with {@link TrainingCancelledError}. A crash, out-of-memory or non-zero exit rejects
 * with {@link TrainingWorkerError}; the next run starts a fresh worker.
 *
 * @example
 * const result = await runTrainingInWorker(request, { signal, onEvent: (e) => progress.next(e) });
 */
export function runTrainingInWorker(
  request: TrainingJobRequest,
  options: RunTrainingOptions & { batchEventEvery?: number; batchEventMinMs?: number },
): Promise<TrainingJobResult> {
  if (options.signal.aborted) return Promise.reject(new TrainingCancelledError([]));
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const workerData: TrainingWorkerData = {
    request,
    cancelFlag,
    ...(options.batchEventEvery !== undefined && { batchEventEvery: options.batchEventEvery }),
    ...(options.batchEventMinMs !== undefined && { batchEventMinMs: options.batchEventMinMs }),
  };
  return new Promise<TrainingJobResult>((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      stderr: false,
    });
    const history: EpochEvent[] = [];
    let settled = false;
    const onAbort = (): void => {
      Atomics.store(flag, 0, 1);
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      fn();
      // A worker that answered has nothing left to do; one that crashed is gone already.
      void worker.terminate();
    };
    worker.on('message', (message: TrainingWorkerMessage) => {
      switch (message.kind) {
        case 'event':
          if (message.event.type === 'epoch') history.push(message.event);
          if (!settled) options.onEvent(message.event);
          break;
        case 'result':
          settle(() => resolve(message.result));
          break;
        case 'cancelled':
          settle(() => reject(new TrainingCancelledError(history)));
          break;
        case 'error':
          settle(() => reject(workerFailure(message.code, message.message)));
          break;
        default: {
          const never: never = message;
          throw new Error(`unknown worker message ${JSON.stringify(never)}`);
        }
      }
    });
    worker.on('error', (e) => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const message = oom
        ? `Training worker ran out of memory (limits ${JSON.stringify(options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS)})`
        : `Training worker crashed: ${e.message}`;
      settle(() => reject(new TrainingWorkerError(message, { cause: e })));
    });
    worker.on('exit', (code) => {
      settle(() =>
        reject(
          new TrainingWorkerError(`Training worker exited with code ${code} before finishing`),
        ),
      );
    });
  });
}

function workerFailure(code: string | undefined, message: string): TrainingEngineError {
  if (code === TrainingEngineErrorCode.NO_TRAINING_DATA) return new NoTrainingDataError(message);
  if (code === TrainingEngineErrorCode.BACKEND_UNAVAILABLE)
    return new BackendUnavailableError(message);
  return new TrainingWorkerError(`Training failed: ${message}`);
}
