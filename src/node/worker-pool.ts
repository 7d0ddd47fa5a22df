/**
 * A pool of worker threads running tasks of one kind, one task per worker at
 * a time. With one worker the tasks run in this thread instead (no worker is
 * started), which gives the same results: a task's result must depend on the
 * task alone.
 *
 * A worker module lives beside this file; it reads its `workerData`, answers
 * each task message with one result message, and is loaded from TypeScript
 * sources (through tsx's loader) when govsim runs from them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerPoolOptions<Task, Result> {
  /** File name of the worker module beside this one, without extension (e.g. `sweep-worker`). */
  module: string;
  /** Data each worker starts with (structured-cloned). */
  workerData: unknown;
  /** Worker threads; 1 or fewer runs every task in this thread. */
  size: number;
  /** How a task runs in this thread when the pool has no workers. */
  runHere: (task: Task) => Result;
}

export class WorkerPool<Task, Result> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];

  constructor(private readonly options: WorkerPoolOptions<Task, Result>) {
    if (options.size <= 1) return;
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith('.ts');
    const script = join(dirname(here), `${options.module}${fromSource ? '.ts' : '.js'}`);
    for (let index = 0; index < options.size; index++) {
      const workerData = options.workerData;
      // Run from TypeScript sources (tsx), a worker first registers tsx's loader, then imports the worker module.
      const worker = fromSource
        ? new Worker(
            `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(script).href)}); });`,
            { eval: true, workerData },
          )
        : new Worker(script, { workerData });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolvePromise) => this.waiting.push(resolvePromise));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  /** Runs one task on the next free worker (or here) and resolves to its result. */
  async run(task: Task): Promise<Result> {
    if (this.workers.length === 0) {
      // Yield so that progress and signals are handled between tasks.
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
      return this.options.runHere(task);
    }
    const worker = await this.acquire();
    try {
      return await new Promise<Result>((resolvePromise, reject) => {
        const onMessage = (message: Result) => {
          worker.off('error', onError);
          resolvePromise(message);
        };
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage(task);
      });
    } finally {
      this.release(worker);
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
