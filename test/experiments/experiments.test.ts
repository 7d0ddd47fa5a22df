/** The shipped experiments: each validates, builds its plan and runs a unit of work. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assumptionsExperimentFile,
  assumptionsSensitivityExperiment,
  experimentJsonSchema,
  runUnit,
} from '../../src/experiments/index.js';
import { loadExperiment } from '../../src/node/index.js';
import { toJson } from '../../src/simulation/index.js';

const files = readdirSync('experiments').filter((name) => name.endsWith('.json') && name !== 'experiment.schema.json');

describe('shipped experiments', () => {
  it('include the two halves, the sensitivity study, the precision study and the small city', () => {
    expect(files.sort()).toEqual([
      'assumptions-sensitivity.json',
      'replication-precision.json',
      'small-city-modes.json',
      'two-halves.json',
    ]);
  });

  it.each(files)('%s validates every point and runs a unit of work', async (name) => {
    const loaded = await loadExperiment(`experiments/${name}`);
    expect(loaded.plan.estimate.scenarios).toBe(loaded.plan.design.points.length * loaded.experiment.variants.length);
    expect(loaded.plan.estimate.scenarios).toBeGreaterThan(0);
    const rows = runUnit(loaded.plan, { point: 0, block: 0 });
    expect(rows.length).toBe(loaded.plan.blockReplicates * loaded.experiment.variants.length);
  });

  it('ship the assumptions screening as generated from the scenario schema (regenerate with npm run experiments)', async () => {
    const file = JSON.parse(readFileSync(assumptionsExperimentFile, 'utf8'));
    expect(file, 'experiments/assumptions-sensitivity.json is out of step with the schema: run npm run experiments').toEqual(
      assumptionsSensitivityExperiment(),
    );
    const loaded = await loadExperiment(assumptionsExperimentFile);
    expect(loaded.experiment.design.type).toBe('morris');
    expect(loaded.experiment.contrasts).toEqual([{ from: 'administrative-led', to: 'co-production' }]);
  });

  it('keep the schema of experiment files in step (regenerate with npm run schema)', () => {
    expect(readFileSync('experiments/experiment.schema.json', 'utf8')).toBe(toJson(experimentJsonSchema()));
  });

  it('run the small city whole, street by street, under both modes on common seeds', async () => {
    const loaded = await loadExperiment('experiments/small-city-modes.json');
    expect(loaded.plan.city?.streets).toBe(4);
    expect(loaded.plan.estimate).toMatchObject({ points: 2, scenarios: 4, streets: 4, runs: 40 });
    const [administrativeLed, coProduction] = runUnit(loaded.plan, { point: 0, block: 0 });
    expect(administrativeLed?.slice(0, 4)).toEqual([0, 6, 'administrative-led', 0]);
    expect(coProduction?.slice(0, 4)).toEqual([0, 6, 'co-production', 0]);
    expect(coProduction?.[4]).toBe(administrativeLed?.[4]);
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
