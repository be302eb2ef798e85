/**
 * Scans many working-tree files on worker threads: each worker reads (O_NOFOLLOW, gated window by window), and
 * scans the files it is handed, in batches it asks for, so one huge file does not hold up a fixed share.
 * Workers run this same file (the bundle, or out/src/cli/scan.js in tests). Measured on the bench's real corpus
 * (1,190 files, 25 MB, 2 cores): two workers took 1.5 CPU-s against 0.7 in process, because each worker loads
 * and compiles the bundle again and most files are decided from their bytes in microseconds. So workers start
 * only from MIN_FILES_PER_WORKER files each; VENDAZE_SCAN_WORKERS=<n> forces n (tests, large monorepos).
 */
import type { SourceFile } from './files';
import { ScratchReader } from './readFile';
import { scanSource, type FileResult, type ScanFileOptions } from './scanCore';

const MIN_FILES_PER_WORKER = 5000;
const BATCH = 24;
const WORKER_FLAG = 'vendazeScanWorker';
/** Also on a worker's command line, so that every other start can tell it is none without loading worker_threads. */
const WORKER_ARG = '--vendaze-scan-worker';

/*
 * worker_threads and os are loaded only when workers start, or in a worker: most runs never start one, and loading
 * them cost every run its share of start-up (CPU that counts against a pre-commit hook).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
const threads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');
const os = (): typeof import('node:os') => require('node:os') as typeof import('node:os');
/* eslint-enable @typescript-eslint/no-require-imports */

type Job = { path: string; absolute: string };
type ToWorker = { jobs: Job[] } | { done: true };
type FromWorker = { results: FileResult[] };

function workerCount(files: number): number {
  const forced = Number(process.env['VENDAZE_SCAN_WORKERS']);
  if (Number.isInteger(forced) && forced >= 0) return Math.min(forced, 8);
  const many = Math.floor(files / MIN_FILES_PER_WORKER);
  return many < 2 ? many : Math.min(Math.max(1, os().availableParallelism()), many, 8);
}

export function scanInProcess(sources: readonly SourceFile[], options: ScanFileOptions): FileResult[] {
  const reader = new ScratchReader();
  return sources.map((f) => scanSource(f, options, reader));
}

/** Results in the order of `sources`. `entry`: the file a worker runs (the running CLI itself). */
export async function scanAll(sources: readonly SourceFile[], options: ScanFileOptions, entry: string): Promise<FileResult[]> {
  const onDisk = sources.filter((s): s is Job => 'absolute' in s);
  const count = onDisk.length === sources.length ? workerCount(sources.length) : 0;
  if (count < 2) return scanInProcess(sources, options);
  const byPath = new Map<string, FileResult>();
  let next = 0;
  const take = (): Job[] => onDisk.slice(next, (next += BATCH));
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new (threads().Worker)(entry, { argv: [WORKER_ARG], workerData: { [WORKER_FLAG]: true, options } });
      return new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          for (const r of message.results) byPath.set(r.path, r);
          const jobs = take();
          worker.postMessage((jobs.length > 0 ? { jobs } : { done: true }) satisfies ToWorker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scan worker exited with code ${code}`))));
        worker.postMessage({ jobs: take() } satisfies ToWorker);
      });
    }),
  );
  return sources.map((s) => byPath.get(s.path)!);
}

/** True in a worker started by scanAll: it serves batches until told it is done. */
export function runWorkerIfAsked(): boolean {
  if (!process.argv.includes(WORKER_ARG)) return false;
  const { isMainThread, parentPort, workerData } = threads();
  if (isMainThread || !(workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) return false;
  const options = (workerData as { options: ScanFileOptions }).options;
  const reader = new ScratchReader();
  const port = parentPort!;
  port.on('message', (message: ToWorker) => {
    if ('done' in message) {
      port.close();
      return;
    }
    port.postMessage({ results: message.jobs.map((job) => scanSource(job, options, reader)) } satisfies FromWorker);
  });
  return true;
}
