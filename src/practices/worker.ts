/** Entry of the practice worker thread (bundled as dist/practicesWorker.js): one request at a time, in order. */
import { parentPort } from 'node:worker_threads';
import { formatMessage, installTranslator } from '../common/l10n';
import type { WorkerL10n, WorkerRequest } from './workerProtocol';
import { PracticeWorkerState } from './workerState';

const state = new PracticeWorkerState();

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    // Here, not in PracticeWorkerState: in-process (no worker) the extension's own translator must stay installed.
    if (request.type === 'configure') installBundle(request.l10n);
    parentPort!.postMessage(state.handle(request));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message });
  }
});

/** vscode.l10n.t's lookup over the bundle the extension sent: the translation of the English text, else the text. */
function installBundle(l10n: WorkerL10n | undefined): void {
  const bundle = l10n?.bundle;
  installTranslator(bundle ? (message: string, ...args: unknown[]) => formatMessage(bundle[message] ?? message, args) : undefined, l10n?.language);
}
