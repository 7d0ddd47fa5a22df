import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/node/worker-pool.js';

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
