// Entry of the training worker thread: runs one job and reports through messages.
import { parentPort, workerData } from 'node:worker_threads';
import { TrainingEngineError } from '../errors';
import { StopRequested } from '../model/model-trainer';
import { runTrainingJob } from './training-job';
import type { TrainingWorkerData, TrainingWorkerMessage } from './worker-messages';

const data = workerData as TrainingWorkerData;
const cancelFlag = new Int32Array(data.cancelFlag);
const post = (message: TrainingWorkerMessage): void => parentPort!.postMessage(message);

runTrainingJob(data.request, {
  shouldStop: () => Atomics.load(cancelFlag, 0) === 1,
  onEvent: (event) => post({ kind: 'event', event }),
  ...(data.batchEventEvery !== undefined && { batchEventEvery: data.batchEventEvery }),
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
