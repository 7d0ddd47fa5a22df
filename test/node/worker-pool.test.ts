import { describe, expect, it } from 'vitest';
import { replicateShares, runInLanes, tsxLoaders, WorkerPool } from '../../src/node/worker-pool.js';
import { ScenarioError } from '../../src/scenario/index.js';

describe('WorkerPool', () => {
  // Two robustness workers with nothing to evaluate: they start, and a task without its draw throws in them.
  const robustnessPool = () =>
    new WorkerPool<unknown, unknown>({
      module: 'robustness-worker',
      workerData: { facts: {}, inputs: new Map(), replicates: 1 },
      size: 2,
      runHere: () => undefined,
    });

  it('starts its workers, from TypeScript sources through tsx found from govsim’s folder, before any task', async () => {
    const pool = robustnessPool();
    try {
      await expect(pool.start()).resolves.toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('says so when its workers cannot start, before any task is given', async () => {
    const pool = new WorkerPool<number, number>({ module: 'no-such-worker', workerData: {}, size: 2, runHere: (task) => task });
    try {
      await expect(pool.start()).rejects.toThrow(/a worker thread could not start: .*no-such-worker/);
      await expect(pool.run(1)).rejects.toThrow(/could not start/);
    } finally {
      await pool.close();
    }
  });

  it('registers tsx in workers that import TypeScript — govsim’s sources or a model module — and says so when tsx is missing', () => {
    const found = (specifier: string) => `file:///project/node_modules/${specifier}.mjs`;
    const missing = (): string => {
      throw Object.assign(new Error('Cannot find package tsx'), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    // An installed govsim running a JavaScript model needs no loader, found or not.
    const loaders = {
      commonJs: 'file:///project/node_modules/tsx/cjs/api.mjs',
      esm: 'file:///project/node_modules/tsx/esm/api.mjs',
    };
    expect(tsxLoaders(false, undefined, missing)).toBeUndefined();
    expect(tsxLoaders(false, '/project/model.ts', found)).toEqual(loaders);
    expect(tsxLoaders(true, undefined, found)).toEqual(loaders);
    // A Node that strips types itself loads a model module without tsx, but not govsim's own sources.
    expect(tsxLoaders(false, '/project/model.ts', missing, true)).toBeUndefined();
    expect(tsxLoaders(false, '/project/model.ts', found, true)).toEqual(loaders);
    expect(() => tsxLoaders(true, undefined, missing, true)).toThrow(ScenarioError);
    expect(() => tsxLoaders(false, '/project/model.ts', missing, false)).toThrow(ScenarioError);
    expect(() => tsxLoaders(false, '/project/model.ts', missing, false)).toThrow(
      '/project/model.ts: invalid model module\n  - (top level): is TypeScript, which worker threads load through tsx, and tsx cannot be found from where govsim is installed: install it in the project (npm install --save-dev tsx), compile the module to .js, or run with -j 1',
    );
  });

  it('gives no task to a worker stopped by a failed one, and refuses a task once every worker has stopped', async () => {
    const pool = robustnessPool();
    try {
      // A task without its draw throws in the worker, which stops; the second goes to the other worker.
      await expect(pool.run({ name: 'broken' })).rejects.toThrow();
      await expect(pool.run({ name: 'broken' })).rejects.toThrow();
      await expect(pool.run({ name: 'broken' })).rejects.toThrow(
        'every worker thread of the pool has stopped, each after a task that failed',
      );
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('runs tasks in order on lanes and, once one fails, starts no more and reports the first failure in task order', async () => {
    const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
    // Task 1 fails late, task 2 at once: on two lanes task 2's failure comes first in time, task 1's first in order.
    const started: number[] = [];
    const task = async (index: number) => {
      started.push(index);
      if (index === 1) {
        await pause(30);
        throw new Error('task 1 failed');
      }
      if (index === 2) throw new Error('task 2 failed');
      await pause(5);
    };
    for (const lanes of [1, 2, 3, 8]) {
      started.length = 0;
      await expect(runInLanes(10, lanes, task)).rejects.toThrow('task 1 failed');
      // Taken in order, and none after a failure was seen: with one lane, none after task 1.
      expect(started).toEqual([...started].sort((a, b) => a - b));
      expect(Math.max(...started)).toBeLessThan(lanes === 1 ? 2 : lanes + 1);
    }
    const done: number[] = [];
    await runInLanes(5, 2, async (index) => {
      done.push(index);
    });
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    await expect(runInLanes(0, 2, task)).resolves.toBeUndefined();
  });

  it('tells a long task once a task before it in order has failed, and never one before the failure', async () => {
    const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
    // Tasks 0, 1 and 2 work in steps on three lanes; task 1 fails after its second step.
    const steps = [0, 0, 0];
    const task = async (index: number, outranked: () => boolean) => {
      while (!outranked() && (steps[index] as number) < 50) {
        await pause(2);
        steps[index] = (steps[index] as number) + 1;
        if (index === 1 && steps[index] === 2) throw new Error('task 1 failed');
      }
    };
    await expect(runInLanes(3, 3, task)).rejects.toThrow('task 1 failed');
    // Task 2 came after the failure in order: it ended within a step of it. Task 0 came before: it ran to its end.
    expect(steps[2]).toBeLessThanOrEqual(3);
    expect(steps[0]).toBe(50);
  });

  it('runs tasks in this thread with one worker', async () => {
    const pool = new WorkerPool<number, number>({
      module: 'no-such-worker',
      workerData: {},
      size: 1,
      runHere: (task) => task * 2,
    });
    await pool.start();
    expect(await pool.run(21)).toBe(42);
    await pool.close();
  });
});

describe('replicateShares', () => {
  it('cuts the replicates into consecutive shares, about four a worker, at most ten each, covering every one once', () => {
    expect(replicateShares(25, 2)).toEqual([
      { first: 0, count: 4 },
      { first: 4, count: 4 },
      { first: 8, count: 4 },
      { first: 12, count: 4 },
      { first: 16, count: 4 },
      { first: 20, count: 4 },
      { first: 24, count: 1 },
    ]);
    const many = replicateShares(1000, 2);
    expect(many.every((share) => share.count === 10)).toBe(true);
    expect(many.reduce((total, share) => total + share.count, 0)).toBe(1000);
    expect(replicateShares(1, 8)).toEqual([{ first: 0, count: 1 }]);
  });
});
