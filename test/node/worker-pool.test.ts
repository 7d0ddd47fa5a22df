import { describe, expect, it } from 'vitest';
import { tsxLoaders, WorkerPool } from '../../src/node/worker-pool.js';
import { ScenarioError } from '../../src/scenario/index.js';

describe('WorkerPool', () => {
  it('starts its workers, from TypeScript sources through tsx found from govsim’s folder, before any task', async () => {
    const pool = new WorkerPool<unknown, unknown>({
      module: 'robustness-worker',
      workerData: { facts: {}, inputs: new Map(), replicates: 1 },
      size: 2,
      runHere: () => undefined,
    });
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
