// Entry of the training worker thread: runs one job and reports through messages.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { TrainingEngineError } from '../errors';
import { StopRequested } from '../model/model-trainer';
import { runTrainingJob } from './training-job';
import type { TrainingWorkerData, TrainingWorkerMessage } from './worker-messages';

/** Nice value of a training worker thread (0 normal, 19 lowest). */
const TRAINING_WORKER_NICE = 10;

// The API's event loop first: on Linux a nice value is per thread (pid 0 = this thread), so the
// worker yields the CPU to the API's main thread when cores are short. Elsewhere it would
// lower the whole process: left alone.
if (process.platform === 'linux') setPriority(0, TRAINING_WORKER_NICE);

const data = workerData as TrainingWorkerData;
const cancelFlag = new Int32Array(data.cancelFlag);
const post = (message: TrainingWorkerMessage): void => parentPort!.postMessage(message);

runTrainingJob(data.request, {
  shouldStop: () => Atomics.load(cancelFlag, 0) === 1,
  onEvent: (event) => post({ kind: 'event', event }),
  ...(data.batchEventEvery !== undefined && { batchEventEvery: data.batchEventEvery }),
  ...(data.batchEventMinMs !== undefined && { batchEventMinMs: data.batchEventMinMs }),
}).then(
  (result) => post({ kind: 'result', result }),
  (e: unknown) => {
    if (e instanceof StopRequested) post({ kind: 'cancelled', history: e.history });
    else {
      const code = e instanceof TrainingEngineError ? e.code : undefined;
      post({ kind: 'error', code, message: e instanceof Error ? e.message : String(e) });
    }
  },
);
