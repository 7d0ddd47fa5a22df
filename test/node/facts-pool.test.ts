/** Facts on worker threads: the same evaluation as one thread, arguments refused by name, a pool usable after a failed share. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactsPool, loadCaseFolder, loadModelModuleWithHash } from '../../src/node/index.js';
import { parseExtendedScenario } from '../../src/scenario/index.js';
import { evaluateFacts } from '../../src/validation/index.js';
import { refused } from '../helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

describe('FactsPool', async () => {
  const folder = await loadCaseFolder('test/fixtures/tiny-case');

  it('refuses a number of workers or replicates that is not a whole number from 1, and a facts file that is not one', async () => {
    for (const workers of [0, Number.NaN, 1.5, '2']) {
      expect(() => new FactsPool(workers as Any)).toThrow('workers: expected a whole number');
    }
    const pool = new FactsPool(1);
    for (const replicates of [0, 2.5]) {
      await refused(() => pool.evaluate(folder.facts, folder.scenarios, replicates), 'replicates: expected a whole number');
    }
    await refused(() => pool.evaluate(null as Any, folder.scenarios, 2), 'facts file');
    await refused(() => pool.evaluate(folder.facts, {} as Any, 2), 'scenarios: expected a Map');
    await pool.close();
  });

  it('evaluates as evaluateFacts does, and after a share failed on a worker evaluates again on fresh workers', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-facts-pool-'));
    const file = join(directory, 'faulty.mjs');
    // Fails with five departments only, from week 3.
    await writeFile(
      file,
      `export default { name: 'faulty', extensions: [{ name: 'gossip', description: 'fails with five departments', phases: [{ name: 'rumours', after: 'residents', run: ({ state }) => { if (state.week === 3 && state.scenario.world.departments === 5) throw new Error('my phase failed'); } }] }] };\n`,
    );
    const model = await loadModelModuleWithHash(file);
    const parse = (departments?: number) =>
      new Map(
        [...folder.inputs].map(([key, input]) => {
          const written = input as { world?: object };
          const world = departments === undefined ? written.world : { ...written.world, departments };
          return [key, parseExtendedScenario({ ...written, world }, model.definition.extensions, key)];
        }),
      );
    const pool = new FactsPool(2, model);
    try {
      await expect(pool.evaluate(folder.facts, parse(5), 4)).rejects.toThrow('my phase failed');
      const evaluation = await pool.evaluate(folder.facts, parse(), 4);
      expect(JSON.stringify(evaluation)).toBe(
        JSON.stringify(evaluateFacts(folder.facts, parse(), 4, undefined, undefined, model.definition)),
      );
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('reports a worker that stops without an error (model code calling process.exit), rather than wait for ever', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-facts-pool-'));
    const file = join(directory, 'exiting.mjs');
    await writeFile(
      file,
      `export default { name: 'exiting', extensions: [{ name: 'quit', description: 'exits in week 3', phases: [{ name: 'leave', after: 'residents', run: ({ state }) => { if (state.week === 3) process.exit(0); } }] }] };\n`,
    );
    const model = await loadModelModuleWithHash(file);
    const scenarios = new Map(
      [...folder.inputs].map(([key, input]) => [key, parseExtendedScenario(input, model.definition.extensions, key)]),
    );
    const pool = new FactsPool(2, model);
    try {
      await expect(pool.evaluate(folder.facts, scenarios, 4)).rejects.toThrow(
        'a worker thread stopped with exit code 0 before it finished its task',
      );
    } finally {
      await pool.close();
    }
  }, 60_000);
});
