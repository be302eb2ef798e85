/** Entry of the practice worker thread (bundled as dist/practicesWorker.js): one request at a time, in order. */
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from './workerProtocol';
import { PracticeWorkerState } from './workerState';

const state = new PracticeWorkerState();

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    parentPort!.postMessage(state.handle(request));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message });
  }
});
