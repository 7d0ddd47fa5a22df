/**
 * A pool of worker threads running tasks of one kind, one task per worker at
 * a time. With one worker the tasks run in this thread instead (no worker is
 * started), which gives the same results: a task's result must depend on the
 * task alone.
 *
 * A worker module lives beside this file; it reads its `workerData` and
 * answers each task message with one result message. Each worker starts from
 * a small script that imports the module and then reports that it is ready,
 * so {@link WorkerPool.start} can tell a pool that cannot start (before any
 * output is written) from a task that fails. Run from TypeScript sources, or
 * importing a model module written in TypeScript, the script first registers
 * tsx's loader, resolved from this file's location (not the working
 * directory, which may lie outside govsim's folder).
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ScenarioError } from '../scenario/index.js';

/** The message a worker sends once its module is loaded, before any result. */
const readyMessage = 'govsim-worker-ready';

/**
 * The script a worker starts from: register tsx's loaders (when given: its CommonJS and its ES module hooks, as the
 * tsx command does, since a TypeScript file in a project without `"type": "module"` is CommonJS), import the worker
 * module, report ready.
 */
function startScript(moduleUrl: string, tsx: TsxLoaders | undefined): string {
  const load = `import(${JSON.stringify(moduleUrl)})`;
  const registered =
    tsx === undefined
      ? load
      : `import(${JSON.stringify(tsx.commonJs)}).then(({ register }) => register()).then(() => import(${JSON.stringify(tsx.esm)})).then(({ register }) => { register(); return ${load}; })`;
  return `${registered}.then(() => import('node:worker_threads')).then(({ parentPort }) => parentPort.postMessage(${JSON.stringify(readyMessage)}));`;
}

/** The URLs of tsx's loader APIs. */
export interface TsxLoaders {
  commonJs: string;
  esm: string;
}

/** Whether this Node loads TypeScript files itself (type stripping, on by default from Node 23.6 and 22.18). */
const nodeStripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);

/**
 * The URLs of tsx's loader APIs for workers that import TypeScript — govsim's own sources (`fromSource`), or a model
 * module written in TypeScript (`typeScriptModule`) — resolved from govsim's own folder; undefined when they import
 * none. A worker thread does not inherit the loader its parent runs under, so it registers tsx itself. Without tsx,
 * a Node that strips types itself (`stripsTypes`) loads a model module in the workers as it did in this thread;
 * govsim's own sources, whose imports name `.js` files, need tsx.
 * @throws ScenarioError naming the model module when tsx cannot be found and Node does not load TypeScript
 */
export function tsxLoaders(
  fromSource: boolean,
  typeScriptModule: string | undefined,
  resolveModule: (specifier: string) => string = (specifier) => import.meta.resolve(specifier),
  stripsTypes = nodeStripsTypes,
): TsxLoaders | undefined {
  if (!fromSource && typeScriptModule === undefined) return undefined;
  try {
    return { commonJs: resolveModule('tsx/cjs/api'), esm: resolveModule('tsx/esm/api') };
  } catch {
    if (!fromSource && stripsTypes) return undefined;
    throw new ScenarioError(
      typeScriptModule ?? 'govsim',
      [
        {
          path: '',
          message:
            'is TypeScript, which worker threads load through tsx, and tsx cannot be found from where govsim is installed: install it in the project (npm install --save-dev tsx), compile the module to .js, or run with -j 1',
        },
      ],
      'model module',
    );
  }
}

export interface WorkerPoolOptions<Task, Result> {
  /** File name of the worker module beside this one, without extension (e.g. `sweep-worker`). */
  module: string;
  /** A TypeScript module the workers import besides govsim's (a model module): tsx's loader is registered in each. */
  typeScriptModule?: string;
  /** Data each worker starts with (structured-cloned). */
  workerData: unknown;
  /** Worker threads; 1 or fewer runs every task in this thread. */
  size: number;
  /**
   * How a task runs in this thread when the pool has no workers: at once, or as a promise (a long task pausing now
   * and then, so that signals are handled within it).
   */
  runHere: (task: Task) => Result | Promise<Result>;
}

export class WorkerPool<Task, Result> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<{ resolve: (worker: Worker) => void; reject: (error: Error) => void }> = [];
  /** Workers stopped by a task that threw. */
  private stopped = 0;

  private readonly ready: Array<Promise<void>> = [];

  constructor(private readonly options: WorkerPoolOptions<Task, Result>) {
    if (options.size <= 1) return;
    const here = fileURLToPath(import.meta.url);
    const fromSource = here.endsWith('.ts');
    const script = join(dirname(here), `${options.module}${fromSource ? '.ts' : '.js'}`);
    // tsx is found from govsim's own folder: a worker's start script would look for it from the working directory.
    const code = startScript(pathToFileURL(script).href, tsxLoaders(fromSource, options.typeScriptModule));
    for (let index = 0; index < options.size; index++) {
      const worker = new Worker(code, { eval: true, workerData: options.workerData });
      this.ready.push(
        new Promise<void>((resolvePromise, reject) => {
          const onMessage = (message: unknown) => {
            if (message !== readyMessage) return;
            worker.off('message', onMessage).off('error', onError).off('exit', onExit);
            resolvePromise();
          };
          const onError = (error: Error) => {
            worker.off('message', onMessage).off('exit', onExit);
            reject(new Error(`a worker thread could not start: ${error.message}`));
          };
          const onExit = (code: number) => {
            worker.off('message', onMessage).off('error', onError);
            reject(new Error(`a worker thread could not start: it stopped with exit code ${code}`));
          };
          worker.on('message', onMessage).once('error', onError).once('exit', onExit);
        }),
      );
      this.workers.push(worker);
      this.idle.push(worker);
    }
    // A pool that is never started or run must not leave an unhandled rejection behind.
    for (const promise of this.ready) promise.catch(() => undefined);
  }

  /** Resolves once every worker has loaded its module; rejects when one cannot (e.g. a module not found). */
  async start(): Promise<void> {
    await Promise.all(this.ready);
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    if (this.stopped === this.workers.length) return Promise.reject(everyWorkerStopped());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  /** Counts a worker stopped by a failed task; once none is left, no task waiting for one waits for ever. */
  private lose(): void {
    this.stopped++;
    if (this.stopped < this.workers.length) return;
    for (const waiter of this.waiting.splice(0)) waiter.reject(everyWorkerStopped());
  }

  /** Runs one task on the next free worker (or here) and resolves to its result. */
  async run(task: Task): Promise<Result> {
    if (this.workers.length === 0) {
      // Yield so that progress and signals are handled between tasks.
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
      return this.options.runHere(task);
    }
    await this.start();
    const worker = await this.acquire();
    const result = await new Promise<{ value: Result } | { error: Error }>((resolvePromise) => {
      const settle = (outcome: { value: Result } | { error: Error }) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit).off('messageerror', onMessageError);
        resolvePromise(outcome);
      };
      const onMessage = (message: Result) => settle({ value: message });
      const onError = (error: Error) => settle({ error });
      // A worker may also stop without an error (model code calling process.exit), or send what cannot be read: the
      // task has failed either way, and waiting for its answer would wait for ever.
      const onExit = (code: number) =>
        settle({ error: new Error(`a worker thread stopped with exit code ${code} before it finished its task`) });
      const onMessageError = (error: Error) =>
        settle({ error: new Error(`a worker thread's answer could not be read: ${error.message}`) });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit).on('messageerror', onMessageError);
      worker.postMessage(task);
    });
    // A worker whose task failed has stopped (or cannot be trusted): it goes back to no one (a task given to it would
    // wait for ever), and the pool's other workers take the tasks still to come.
    if ('error' in result) {
      this.lose();
      throw result.error;
    }
    this.release(worker);
    return result.value;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function everyWorkerStopped(): Error {
  return new Error('every worker thread of the pool has stopped, each after a task that failed');
}

/**
 * Runs tasks 0 … `count` − 1 in that order on `lanes` lanes at once: each lane takes the next task as its last one
 * ends. Once a task fails no lane takes another; the tasks under way finish, and the failure of the lowest-numbered
 * task is thrown. Every task numbered below a failed one was taken before it, so that is the first failure in task
 * order: the same error whatever the number of lanes (a model that fails in replicates 5 and 25 is reported at
 * replicate 5 by one thread or sixteen). A long task that works in steps may ask `outranked()` between them: true once
 * a task numbered below it has failed, so that nothing it could still do or throw changes the outcome, and it may end
 * there (a task numbered below a failed one must go on: its own failure would come first in order).
 * @example
 * await runInLanes(units.length, workers, async (index) => record(index, await pool.run(units[index])));
 */
export async function runInLanes(
  count: number,
  lanes: number,
  task: (index: number, outranked: () => boolean) => Promise<void>,
): Promise<void> {
  let next = 0;
  /** The failure of the lowest-numbered task that has failed so far. */
  let first: { index: number; error: unknown } | undefined;
  // Read through a function: another lane may have set it while this one awaited.
  const firstFailure = () => first;
  const lane = async (): Promise<void> => {
    while (firstFailure() === undefined && next < count) {
      const index = next++;
      try {
        await task(index, () => (firstFailure()?.index ?? Number.POSITIVE_INFINITY) < index);
      } catch (error) {
        const earlier = firstFailure();
        if (earlier === undefined || index < earlier.index) first = { index, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
  if (first !== undefined) throw first.error;
}

/**
 * Replicates 0 … `replicates` − 1 cut into consecutive shares for `workers` threads: about `sharesPerWorker` shares a
 * worker, so that a slow share does not leave the others idle long, none of more than `largestShare` replicates (progress
 * is told as each finishes), none empty.
 * @example replicateShares(25, 2) // [{ first: 0, count: 4 }, { first: 4, count: 4 }, …, { first: 24, count: 1 }]
 */
export function replicateShares(
  replicates: number,
  workers: number,
  largestShare = 10,
  sharesPerWorker = 4,
): Array<{ first: number; count: number }> {
  const size = Math.max(1, Math.min(largestShare, Math.ceil(replicates / (workers * sharesPerWorker))));
  const shares: Array<{ first: number; count: number }> = [];
  for (let first = 0; first < replicates; first += size) shares.push({ first, count: Math.min(size, replicates - first) });
  return shares;
}

/**
 * Worker threads to use: as asked (default every core), but never more than
 * the cores — more threads than cores only add start-up time and memory.
 */
export function workerCount(asked: number | undefined): number {
  const cores = Math.max(1, availableParallelism());
  return Math.max(1, Math.min(asked ?? cores, cores));
}
