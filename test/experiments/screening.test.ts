/** The assumptions screening generated from the scenario schema: one factor per assumption with a plausible range. */
import { describe, expect, it } from 'vitest';
import { assumptionFactors, assumptionsSensitivityExperiment, experimentSchema } from '../../src/experiments/index.js';
import { parameterRows } from '../../src/scenario/index.js';

describe('the assumptions screening', () => {
  const factors = assumptionFactors();

  it('screens every assumption of the world and the mechanisms that has a plausible range, over that range', () => {
    const assumed = parameterRows().filter(
      (row) => row.basis === 'A' && row.range !== '' && (row.path.startsWith('parameters.') || row.path.startsWith('world.')),
    );
    expect(factors.map((factor) => factor.path)).toEqual(
      assumed.map((row) => row.path.replace('world.communities[]', 'world.communities[0]')),
    );
    expect(factors.map((factor) => `${factor.range[0]}–${factor.range[1]}`)).toEqual(assumed.map((row) => row.range));
  });

  it('rounds to whole numbers exactly the parameters the schema takes only as whole numbers', () => {
    const integer = (path: string) => factors.find((factor) => factor.path === path)?.integer;
    expect(integer('world.communities[0].communityStaff')).toBe(true);
    expect(integer('world.departments')).toBe(true);
    expect(integer('parameters.staff.routineLoad')).toBeUndefined();
    // A mean number of items may be fractional.
    expect(integer('world.needItemsPerHousehold')).toBeUndefined();
    const rows = new Map(parameterRows().map((row) => [row.path.replace('[]', '[0]'), row.integer]));
    for (const factor of factors) expect(factor.integer === true, factor.path).toBe(rows.get(factor.path));
  });

  it('refuses a model given for its extensions, naming extensions', () => {
    const model = { name: 'm', extensions: [] };
    expect(() => assumptionFactors(model as never)).toThrow(
      'extensions: invalid extensions\n  - (top level): expected a list of extensions, e.g. model.extensions, got a model definition: give its extensions',
    );
  });

  it('is a valid experiment that pairs the modes and declares their contrast', () => {
    const experiment = experimentSchema.parse(assumptionsSensitivityExperiment());
    expect(experiment.variants.map((variant) => variant.label)).toEqual(['administrative-led', 'co-production']);
    expect(experiment.contrasts).toEqual([{ from: 'administrative-led', to: 'co-production' }]);
    expect(experiment.description).toContain(`${factors.length} of them`);
  });
});
