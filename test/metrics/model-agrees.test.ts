/**
 * The model keeps satisfaction up to date as it goes (only the items and households whose inputs changed are
 * recomputed, in the model's own loops); the metric definitions say what the values are. At the end of runs of both
 * modes every kept value is the definition's, applied to the final state.
 */
import { describe, expect, it } from 'vitest';
import { householdSatisfaction, needMet, topPainPoints } from '../../src/metrics/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { createModel } from '../../src/simulation/index.js';

describe('the model’s kept satisfaction values', () => {
  it.each(['administrative-led', 'co-production'] as const)('are the metric definitions’ at the end of a run (%s)', (mode) => {
    const model = createModel(parseScenario({ name: 'y', mode }), { seed: 11 });
    model.run(104);
    const { items, households, projects } = model.state;
    let metSomewhere = 0;
    for (let item = 0; item < items.met.length; item++) {
      const coverages = projects
        .filter((project) => project.item === item && project.status === 'done')
        .map((project) => project.effectiveCoverage);
      expect(items.met[item]).toBe(needMet(coverages));
      if (coverages.length > 0) metSomewhere++;
    }
    // Not a comparison of zeros: works were done on some items.
    expect(metSomewhere).toBeGreaterThan(5);
    let satisfied = 0;
    for (let household = 0; household < households.count; household++) {
      const start = households.needStart[household] as number;
      const end = households.needStart[household + 1] as number;
      const weights = households.needWeight.subarray(start, end);
      const met = Array.from(households.needItem.subarray(start, end), (item) => items.met[item] as number);
      expect(households.satisfaction[household]).toBe(householdSatisfaction(weights, met));
      if ((households.satisfaction[household] as number) > 0) satisfied++;
    }
    expect(satisfied).toBeGreaterThan(0);
    const itemsOfY = items.communityNeed.length;
    expect(Array.from(items.topPainPoints[0] as Uint32Array)).toEqual(
      topPainPoints(items.communityNeed.subarray(0, itemsOfY), 5),
    );
  });
});
