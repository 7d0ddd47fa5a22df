/** Comparisons on worker threads: the same comparison as one thread, byte for byte; arguments refused by name. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ComparePool, loadScenarioFile } from '../../src/node/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { compareRollouts, compareScenarios, headlineMetrics } from '../../src/simulation/index.js';
import { refused } from '../helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

describe('ComparePool', () => {
  const a = parseScenario({ name: 'a', mode: 'administrative-led', weeks: 30 });
  const b = parseScenario({ name: 'b', mode: 'co-production', weeks: 30 });

  it('compares as compareScenarios does, byte for byte, on two workers and in this thread, telling progress', async () => {
    const expected = JSON.stringify(compareScenarios(a, b, { replicates: 7 }));
    for (const workers of [1, 2]) {
      const pool = new ComparePool(workers);
      const told: number[] = [];
      try {
        const comparison = await pool.compare(a, b, { replicates: 7, onProgress: (done) => told.push(done) });
        expect(JSON.stringify(comparison)).toBe(expected);
      } finally {
        await pool.close();
      }
      expect(told.at(-1)).toBe(7);
      expect([...told].sort((x, y) => x - y)).toEqual(told);
    }
  }, 60_000);

  it('compares streets as compareRollouts does, byte for byte, their stages and communities included', async () => {
    const street = await loadScenarioFile('z-street-rollout-administrative-led');
    const other = await loadScenarioFile('z-street-rollout-co-production');
    const options = { replicates: 3, weeks: 40 };
    const pool = new ComparePool(2);
    try {
      expect(JSON.stringify(await pool.compareRollouts(street, other, options))).toBe(
        JSON.stringify(compareRollouts(street, other, options)),
      );
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('refuses what its workers cannot take: an observer, a model other than its own; and a metric of no summary', async () => {
    expect(() => new ComparePool(0)).toThrow('workers: expected a whole number');
    const pool = new ComparePool(2);
    try {
      await refused(() => pool.compare(a, b, { observer: () => undefined } as Any), 'observer: is not taken on worker threads');
      await refused(() => pool.compare(a, b, { model: { name: 'm', extensions: [] } } as Any), "model: is the pool's");
      await refused(
        () => pool.compare(a, b, { replicates: 40, metrics: [{ ...headlineMetrics[0], key: 'satisfaction.nope' }] as Any }),
        'metrics[0].key: expected a number of the run summary',
      );
      // The pool is still of use after a refusal; options that are no object are refused in the comparison's words.
      expect((await pool.compare(a, b, { replicates: 2 })).replicates).toBe(2);
      await refused(() => pool.compare(a, b, null as Any), 'compare options');
    } finally {
      await pool.close();
    }
    // A comparison needing more workers than the pool was started with starts it afresh with them.
    const growing = new ComparePool(2);
    try {
      await growing.compare(a, b, { replicates: 1 });
      expect((growing as Any).size).toBe(1);
      await growing.compare(a, b, { replicates: 8 });
      expect((growing as Any).size).toBe(Math.min(2, availableParallelism()));
    } finally {
      await growing.close();
    }
  }, 60_000);
});
