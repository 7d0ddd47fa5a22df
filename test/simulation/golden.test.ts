/**
 * Golden runs: the exact output of two pinned runs. Any change to the model,
 * the random streams or the metrics changes these bytes; when the change is
 * intended, review the diff and refresh with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/index.js';
import { runScenario, toJson, weeksToCsv } from '../../src/simulation/index.js';

describe.each(['administrative-led', 'co-production'])('golden run of y-community-%s, seed 2018', (mode) => {
  it('reproduces its weekly series and summary byte for byte', async () => {
    const scenario = await loadScenarioFile(`scenarios/y-community-${mode}.json`);
    const result = runScenario(scenario, { seed: 2018 });
    await expect(weeksToCsv(result.weeks)).toMatchFileSnapshot(`../golden/y-community-${mode}.seed-2018.weeks.csv`);
    await expect(toJson(result.summary)).toMatchFileSnapshot(`../golden/y-community-${mode}.seed-2018.summary.json`);
  });
});
