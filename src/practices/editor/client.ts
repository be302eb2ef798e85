/**
 * The editor's handle on the practice worker: started on the first request (so activation pays nothing), one
 * request in flight per id, terminated on dispose. If a worker cannot start, the same state machine runs
 * in-process, loaded by dynamic import only then.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../common/logger';
import type { WorkerRequest, WorkerResponse } from '../workerProtocol';

type Pending = (response: WorkerResponse) => void;
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** dist/practicesWorker.js next to the bundle; out/src/practices/worker.js in the test tiers. */
function workerPath(): string | undefined {
  for (const candidate of [join(__dirname, 'practicesWorker.js'), join(__dirname, '..', 'worker.js')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

export class PracticeClient {
  private worker?: Worker;
  private inProcess?: Promise<{ handle(request: WorkerRequest): WorkerResponse }>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly log: Logger) {}

  request(body: RequestBody): Promise<WorkerResponse> {
    if (this.disposed) return Promise.resolve({ id: 0, error: 'disposed' });
    const request = { ...body, id: this.nextId++ } as WorkerRequest;
    const worker = this.ensureWorker();
    if (!worker) return this.runInProcess(request);
    return new Promise((resolve) => {
      this.pending.set(request.id, resolve);
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.inProcess) return this.worker;
    const path = workerPath();
    if (!path) return undefined;
    try {
      const worker = new Worker(path);
      worker.on('message', (response: WorkerResponse) => {
        const resolve = this.pending.get(response.id);
        this.pending.delete(response.id);
        resolve?.(response);
      });
      worker.on('error', (error) => this.log.error(`practice review worker failed: ${error.message}`));
      worker.on('exit', () => {
        for (const resolve of this.pending.values()) resolve({ id: 0, error: 'worker exited' });
        this.pending.clear();
        if (this.worker === worker) this.worker = undefined;
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (error) {
      this.log.warn(`practice review runs in-process: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async runInProcess(request: WorkerRequest): Promise<WorkerResponse> {
    this.inProcess ??= import('../workerState').then(({ PracticeWorkerState }) => new PracticeWorkerState());
    return (await this.inProcess).handle(request);
  }

  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
