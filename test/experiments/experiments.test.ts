/** The shipped experiments: each validates, builds its plan and runs a unit of work. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runUnit } from '../../src/experiments/index.js';
import { loadExperiment } from '../../src/node/index.js';
import { parameterRows } from '../../src/scenario/index.js';

const files = readdirSync('experiments').filter((name) => name.endsWith('.json') && name !== 'experiment.schema.json');

describe('shipped experiments', () => {
  it('include the two halves, the sensitivity study and the precision study', () => {
    expect(files.sort()).toEqual(['assumptions-sensitivity.json', 'replication-precision.json', 'two-halves.json']);
  });

  it.each(files)('%s validates every point and runs a unit of work', async (name) => {
    const loaded = await loadExperiment(`experiments/${name}`);
    expect(loaded.plan.scenarios.length).toBeGreaterThan(0);
    const rows = runUnit(loaded.plan, { point: 0, block: 0 });
    expect(rows.length).toBe(loaded.plan.blockReplicates * loaded.experiment.variants.length);
  });

  it('screens every assumption that has a plausible range', async () => {
    const loaded = await loadExperiment('experiments/assumptions-sensitivity.json');
    const assumed = parameterRows()
      .filter(
        (row) => row.basis === 'A' && row.range !== '' && (row.path.startsWith('parameters.') || row.path.startsWith('world.')),
      )
      .map((row) => row.path.replace('world.communities[]', 'world.communities[0]'));
    expect(loaded.plan.factors.sort()).toEqual(assumed.sort());
    expect(loaded.experiment.design.type).toBe('morris');
  });

  it('lays out the two halves as a 2 × 2 factorial of participation and integration', async () => {
    const loaded = await loadExperiment('experiments/two-halves.json');
    expect(loaded.plan.design.points).toEqual([
      { 'mode.participation': false, 'mode.integration': false },
      { 'mode.participation': false, 'mode.integration': true },
      { 'mode.participation': true, 'mode.integration': false },
      { 'mode.participation': true, 'mode.integration': true },
    ]);
  });
});
